using DuckDB.NET.Data;

namespace ReferralInsights.Ingest.Landing;

/// <summary>The hand-over from every connector to the shared landing: a DuckDB table holding one entity's rows as text,
/// one VARCHAR column per contract column (empty or null = no value), <c>_extra</c> (columns the contract does not know, as
/// a JSON object, or null), <c>_source_file</c>, <c>_line</c>, <c>_raw</c> (the row as read, for the quarantine) and
/// <c>_read_error</c> (why the row could not even be split into values, or null). <see cref="BatchLander"/> checks the
/// values against the contract in SQL, so no connector parses or validates a value itself.</summary>
public sealed class TextBatch
{
    public TextBatch(DuckDBConnection db, ContractEntity entity, string table)
    {
        Entity = entity;
        Table = table;
        var columns = string.Join(", ", entity.Columns.Select(c => $"{Sql.Name(c.Name)} VARCHAR"));
        Sql.Execute(db, $"CREATE OR REPLACE TEMP TABLE {table} ({columns}, _extra VARCHAR, _source_file VARCHAR, _line BIGINT, _raw VARCHAR, _read_error VARCHAR)");
    }

    public ContractEntity Entity { get; }
    public string Table { get; }

    /// <summary>The table's columns in order, for an <c>INSERT INTO … SELECT</c> or an Appender.</summary>
    public IEnumerable<string> ColumnNames => Entity.Columns.Select(c => c.Name).Concat(["_extra", "_source_file", "_line", "_raw", "_read_error"]);

    /// <summary>Fails the entity when a required column is not among <paramref name="present"/>: a file that lacks a
    /// required column is an error naming the file and the column (data-contract.md), and nothing of the entity lands.</summary>
    public void RequireColumns(IEnumerable<string> present, string displayName)
    {
        var names = present.ToHashSet(StringComparer.Ordinal);
        var missing = Entity.Columns.Where(c => c.Required && !names.Contains(c.Name)).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw new IngestException(
                $"{displayName}: required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing.Select(m => $"'{m}'"))} missing " +
                $"({Entity.QualifiedName}); nothing of {Entity.QualifiedName} was landed", displayName);
    }

    /// <summary>SQL for <c>_extra</c>: a JSON object of the given (name, text expression) pairs whose value is not empty, or null.</summary>
    public static string ExtraJson(IReadOnlyList<(string Name, string Expression)> extras) => extras.Count == 0
        ? "CAST(NULL AS VARCHAR)"
        : ExtraJsonOf("[" + string.Join(", ", extras.Select(e => $"{{'k': {Sql.Literal(e.Name)}, 'v': {e.Expression}}}")) + "]");

    /// <summary>SQL for <c>_extra</c> from a list expression of <c>{'k': name, 'v': text}</c> structs.</summary>
    public static string ExtraJsonOf(string entries) =>
        $"CASE WHEN len(list_filter({entries}, e -> coalesce(e.v, '') <> '')) > 0 " +
        $"THEN CAST(to_json(map_from_entries(list_filter({entries}, e -> coalesce(e.v, '') <> ''))) AS VARCHAR) END";
}

using DuckDB.NET.Data;

namespace ReferralInsights.Ingest.Landing;

/// <summary>The hand-over from every connector to the shared landing: a DuckDB table holding one entity's rows as text,
/// one VARCHAR column per contract column (empty or null = no value), <c>_extra</c> (columns the contract does not know, as
/// a JSON object, or null), <c>_source_file</c>, <c>_line</c>, <c>_raw</c> (the row as read, for the quarantine) and
/// <c>_read_error</c> (why the row could not even be split into values, or null). <see cref="BatchLander"/> checks the
/// values against the contract in SQL, so no connector parses or validates a value itself. A connector that has its
/// rows in a DuckDB relation already makes the batch a view of it (<see cref="ViewOf"/>) instead of copying them.</summary>
public sealed class TextBatch : IDisposable
{
    private readonly DuckDBConnection _db;

    public TextBatch(DuckDBConnection db, ContractEntity entity, string table)
    {
        _db = db;
        Entity = entity;
        Table = table;
        var columns = string.Join(", ", entity.Columns.Select(c => $"{Sql.Name(c.Name)} VARCHAR"));
        Sql.Execute(db, $"CREATE OR REPLACE TEMP TABLE {table} ({columns}, _extra VARCHAR, _source_file VARCHAR, _line BIGINT, _raw VARCHAR, _read_error VARCHAR)");
    }

    public ContractEntity Entity { get; }
    public string Table { get; }

    /// <summary>The raw text of given lines, when the batch leaves <c>_raw</c> null (a view over a native read): the
    /// quarantine asks for the lines it keeps.</summary>
    public Func<IReadOnlySet<long>, IReadOnlyDictionary<long, string>>? RawTextOfLines { get; private set; }

    /// <summary>The rows a native read must give (<see cref="ViewOf"/>), or null when the connector filled the table row by row.</summary>
    public long? ExpectedRows { get; private set; }

    /// <summary>The line of a view's first row (<see cref="ViewOf"/>); a row without a <c>_line</c> is on this line plus
    /// its position.</summary>
    public long FirstViewLine { get; private set; } = 1;

    private bool _isView;

    /// <summary>Makes the batch a view: <paramref name="select"/> gives <see cref="ColumnNames"/> in order, <c>_line</c>
    /// null (a row's line is then <paramref name="firstLine"/> plus its position) and <c>_raw</c> null
    /// (<paramref name="rawTextOfLines"/> gives it for the lines that are quarantined); it must give
    /// <paramref name="expectedRows"/> rows. With <paramref name="materialize"/> the rows are copied into the table
    /// instead, for a caller that goes on to update them.</summary>
    public void ViewOf(string select, long expectedRows, long firstLine, Func<IReadOnlySet<long>, IReadOnlyDictionary<long, string>> rawTextOfLines,
        bool materialize = false)
    {
        if (materialize) Sql.Execute(_db, $"INSERT INTO {Table} {select}");
        else
        {
            Sql.Execute(_db, $"DROP TABLE {Table}");
            Sql.Execute(_db, $"CREATE TEMP VIEW {Table} AS {select}");
            _isView = true;
        }
        ExpectedRows = expectedRows;
        FirstViewLine = firstLine;
        RawTextOfLines = rawTextOfLines;
    }

    public void Dispose() => Sql.Execute(_db, _isView ? $"DROP VIEW IF EXISTS {Table}" : $"DROP TABLE IF EXISTS {Table}");

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

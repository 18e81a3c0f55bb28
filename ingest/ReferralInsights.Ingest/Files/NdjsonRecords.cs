using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Files;

/// <summary>Newline-delimited JSON, parsed by DuckDB's JSON functions over framed lines: one object a line, blank lines are
/// not rows, a line that is not a JSON object is a row with a read error. Values are taken as their text (a JSON number or
/// boolean as written; null = no value); keys the contract does not know go to <c>_extra</c>.</summary>
public static class NdjsonRecords
{
    public static void Load(DuckDBConnection db, string lines, TextBatch batch, string displayName)
    {
        var entity = batch.Entity;
        // TRY: text that is not JSON gives NULL instead of failing the statement; one parse a line for each pass
        const string isObject = "coalesce(utf8_error IS NULL AND TRY(json_type(text)) = 'OBJECT', false)";
        var seen = Sql.Column(db, $"SELECT DISTINCT unnest(TRY(json_keys(text))) FROM {lines} WHERE utf8_error IS NULL");
        if (seen.Count > 0) batch.RequireColumns(seen!, displayName);

        var hasExtras = seen.Any(k => entity.Columns.All(c => c.Name != k)); // else no row needs the per-row _extra lambda
        var paths = "[" + string.Join(", ", entity.Columns.Select(c => Sql.Literal("$." + Sql.Name(c.Name)))) + "]";
        var known = "[" + string.Join(", ", entity.Columns.Select(c => Sql.Literal(c.Name))) + "]";
        var extraEntries = "list_transform(list_filter(json_keys(text), k -> NOT list_contains(" + known + ", k)), " +
                           "k -> {'k': k, 'v': json_extract_string(text, '$.\"' || replace(k, '\"', '\\\"') || '\"')})";
        var values = string.Join(", ", entity.Columns.Select((c, i) => $"vals[{i + 1}] AS {Sql.Name(c.Name)}"));
        Sql.Execute(db, $"""
            INSERT INTO {batch.Table} ({string.Join(", ", batch.ColumnNames.Select(Sql.Name))})
            WITH l AS (
                SELECT line, text, utf8_error, {isObject} AS ok
                FROM {lines}
                WHERE utf8_error IS NOT NULL OR trim(text) <> ''
            ), v AS (
                SELECT *, CASE WHEN ok THEN json_extract_string(text, {paths}) END AS vals,
                       {(hasExtras ? $"CASE WHEN ok THEN {TextBatch.ExtraJsonOf(extraEntries)} END" : "CAST(NULL AS VARCHAR)")} AS extra
                FROM l
            )
            SELECT {values}, extra, {Sql.Literal(displayName)}, line, text,
                   CASE WHEN NOT ok THEN coalesce(utf8_error,
                       CASE WHEN TRY(json_type(text)) IS NOT NULL THEN 'the line is not a JSON object' ELSE 'invalid JSON: the line does not parse' END) END
            FROM v
            """);
    }
}

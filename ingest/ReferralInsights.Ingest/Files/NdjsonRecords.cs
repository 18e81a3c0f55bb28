using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Files;

/// <summary>Newline-delimited JSON, parsed by DuckDB's JSON functions over framed lines: one object a line, blank lines are
/// not rows, a line that is not a JSON object is a row with a read error. Values are taken as their text (a JSON number or
/// boolean as written; null = no value); keys the contract does not know go to <c>_extra</c>. A whole file whose lines are
/// all objects is read by DuckDB's own NDJSON reader instead (<see cref="TryLoadWhole"/>), to the same rows.</summary>
internal static class NdjsonRecords
{
    /// <summary>Makes the batch a view over DuckDB's <c>read_json</c> of a whole file (parallel, native): the contract's
    /// keys and the unknown ones the line census found, all as text, each row's line being its position (the census proved
    /// one object a line). Null when the file is not that regular (a blank line, a line that is not one object, text that
    /// is not UTF-8, a last line still being written when <paramref name="holdBackPartialLine"/>): the caller then frames it
    /// line by line, which says what is wrong with which line. Quarantined lines get their raw text from a second pass
    /// over only those lines.</summary>
    public static FramedLines? TryLoadWhole(DuckDBConnection db, string file, TextBatch batch, string displayName, bool holdBackPartialLine)
    {
        var census = LineCensus.OfNdjson(file);
        // DuckDB's column names ignore case: keys that differ only in case cannot be columns of one read
        if (census.Irregular is not null || (holdBackPartialLine && !census.EndsWithNewline)
            || census.Keys.Distinct(StringComparer.OrdinalIgnoreCase).Count() != census.Keys.Count) return null;
        if (census.Keys.Count > 0) batch.RequireColumns(census.Keys, displayName);

        var entity = batch.Entity;
        var extras = census.Keys.Where(k => entity.Columns.All(c => c.Name != k)).ToList();
        var columns = entity.Columns.Select(c => c.Name).Concat(extras).Select(k => $"{Sql.Literal(k)}: 'VARCHAR'");
        var values = string.Join(", ", entity.Columns.Select(c => Sql.Name(c.Name)));
        var read = $"read_json({Sql.Path(file)}, format = 'newline_delimited', columns = {{{string.Join(", ", columns)}}}, " +
                   $"maximum_object_size = {Math.Max(census.LongestLine + 1, 16 << 20)})";
        batch.ViewOf($"SELECT {values}, {TextBatch.ExtraJson(extras.Select(k => (k, Sql.Name(k))).ToList())} AS _extra, " +
                     $"{Sql.Literal(displayName)} AS _source_file, CAST(NULL AS BIGINT) AS _line, CAST(NULL AS VARCHAR) AS _raw, " +
                     $"CAST(NULL AS VARCHAR) AS _read_error FROM {read}",
            census.Lines, firstLine: 1, lines => LineCensus.TextOf(file, lines));
        return new FramedLines(census.Bytes, census.Lines, census.Lines);
    }

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

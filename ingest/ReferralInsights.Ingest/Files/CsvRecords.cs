using DuckDB.NET.Data;
using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.Ingest.Files;

/// <summary>RFC 4180 CSV with a header row, split into fields in DuckDB SQL over the records <see cref="LineTable"/> framed
/// (a record spans lines while a quoted field is open; its line is its first physical line), for files that
/// <see cref="TryLoadWhole"/> leaves to it. A record with malformed
/// quoting or the wrong number of fields is a row with a read error; blank lines outside quotes are not rows.</summary>
internal static class CsvRecords
{
    // One field: quoted (doubled quotes inside) or unquoted without quotes or commas.
    private const string Field = "(?:\"(?:[^\"]|\"\")*\"|[^,\"]*)";
    private const string Record = "(?s)" + Field + "(?:," + Field + ")*";
    // A record whose last field opened a quote that never closes.
    private const string OpenAtEnd = "(?s)(?:" + Field + ",)*\"(?:[^\"]|\"\")*";
    private const string FieldCapture = "(?:^|,)(\"(?:[^\"]|\"\")*\"|[^,]*)";

    /// <summary>Makes the batch a view over DuckDB's <c>read_csv</c> of a whole file (parallel, native), every field as
    /// text, when <see cref="LineCensus.OfCsv"/> proved it one record a line: row n is line n + 1. Null when it is not
    /// (then the framed read says what is wrong with which line), when its last line is still being written and
    /// <paramref name="holdBackPartialLine"/>, or when its header names a column twice. With a <paramref name="mapping"/>
    /// the rows are copied into the batch's table, which the mapping then updates.</summary>
    public static FramedLines? TryLoadWhole(DuckDBConnection db, string file, TextBatch batch, string displayName, bool holdBackPartialLine,
        ExportMapping? mapping)
    {
        var census = LineCensus.OfCsv(file);
        if (census.Irregular is not null || (holdBackPartialLine && !census.EndsWithNewline)
            || census.Keys.Distinct(StringComparer.Ordinal).Count() != census.Keys.Count) return null;
        var renames = mapping?.Renames(batch.Entity);
        var header = census.Keys.Select(h => renames?.GetValueOrDefault(h, h) ?? h).ToList();
        batch.RequireColumns(header.Concat(mapping?.Derived(batch.Entity) ?? []), displayName);

        // positional names: the header's own may differ only in case, which DuckDB's column names ignore
        string FieldAt(int i) => Sql.Name($"f{i + 1}");
        var index = header.Select((name, i) => (name, i)).ToDictionary(h => h.name, h => h.i, StringComparer.Ordinal);
        var values = batch.Entity.Columns.Select(c =>
            $"{(index.TryGetValue(c.Name, out var i) ? FieldAt(i) : "CAST(NULL AS VARCHAR)")} AS {Sql.Name(c.Name)}");
        var known = batch.Entity.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var extras = header.Select((name, i) => (name, i)).Where(h => !known.Contains(h.name)).Select(h => (h.name, FieldAt(h.i))).ToList();
        var columns = string.Join(", ", header.Select((_, i) => $"'f{i + 1}': 'VARCHAR'"));
        var read = $"read_csv({Sql.Path(file)}, header = true, auto_detect = false, delim = ',', quote = '\"', escape = '\"', " +
                   $"columns = {{{columns}}}, max_line_size = {Math.Max(census.LongestLine + 2, 2 << 20)})";
        batch.ViewOf($"SELECT {string.Join(", ", values)}, {TextBatch.ExtraJson(extras)} AS _extra, {Sql.Literal(displayName)} AS _source_file, " +
                     $"CAST(NULL AS BIGINT) AS _line, CAST(NULL AS VARCHAR) AS _raw, CAST(NULL AS VARCHAR) AS _read_error FROM {read}",
            census.Lines - 1, firstLine: 2, lines => LineCensus.TextOf(file, lines), materialize: mapping is not null);
        return new FramedLines(census.Bytes, census.Lines, census.Lines);
    }

    /// <param name="knownHeader">the header line when the lines continue a file past it (a growing CSV log); else the
    /// first record is the header</param>
    /// <param name="mapping">a CRM export's column labels for the contract's columns, or null when the header uses the contract's names</param>
    public static void Load(DuckDBConnection db, string lines, TextBatch batch, string displayName, string? knownHeader = null,
        ExportMapping? mapping = null)
    {
        var records = lines + "_records";
        Sql.Execute(db, $"CREATE OR REPLACE TEMP VIEW {records} AS SELECT line, text AS raw, utf8_error FROM {lines} " +
                        "WHERE utf8_error IS NOT NULL OR text <> ''");
        long first;
        IReadOnlyList<string> header;
        if (knownHeader is null)
        {
            first = Sql.Scalar<long>(db, $"SELECT coalesce(min(line), 0) FROM {records}");
            if (first == 0) throw new IngestException($"{displayName}: the file is empty: a header row is required", displayName);
            var error = Sql.Column(db, $"SELECT utf8_error FROM {records} WHERE line = {first}")[0];
            if (error is not null) throw new IngestException($"{displayName}: line {first}: the header: {error}", displayName);
            header = ParseHeader(db, $"(SELECT raw FROM {records} WHERE line = {first})", first, displayName);
        }
        else
        {
            first = 1;
            header = ParseHeader(db, Sql.Literal(knownHeader), first, displayName);
        }
        if (mapping is not null)
        {
            var renames = mapping.Renames(batch.Entity);
            header = header.Select(h => renames.GetValueOrDefault(h, h)).ToList();
        }
        batch.RequireColumns(header.Concat(mapping?.Derived(batch.Entity) ?? []), displayName);

        string FieldAt(int i) => $"CASE WHEN _read_error IS NULL THEN fields[{i + 1}] END";
        var index = header.Select((name, i) => (name, i)).ToDictionary(h => h.name, h => h.i, StringComparer.Ordinal);
        var values = batch.Entity.Columns.Select(c => index.TryGetValue(c.Name, out var i) ? FieldAt(i) : "CAST(NULL AS VARCHAR)");
        var known = batch.Entity.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var extras = header.Select((name, i) => (name, i)).Where(h => !known.Contains(h.name)).Select(h => (h.name, FieldAt(h.i))).ToList();
        Sql.Execute(db, $"""
            INSERT INTO {batch.Table} ({string.Join(", ", batch.ColumnNames.Select(Sql.Name))})
            WITH split AS (
                SELECT line, raw, utf8_error,
                       CASE WHEN utf8_error IS NULL AND regexp_full_match(raw, '{Record}')
                            THEN list_transform(
                                CASE WHEN contains(raw, '"') THEN regexp_extract_all(raw, '{FieldCapture}', 1) ELSE string_split(raw, ',') END,
                                f -> CASE WHEN starts_with(f, '"') THEN replace(f[2:-2], '""', '"') ELSE f END)
                       END AS fields
                FROM {records}
                WHERE line > {first}
            ), checked AS (
                SELECT *, coalesce(utf8_error, {QuotingError("raw", "fields")},
                    CASE WHEN len(fields) <> {header.Count} THEN 'expected {header.Count} fields, found ' || len(fields) END) AS _read_error
                FROM split
            )
            SELECT {string.Join(", ", values)}, {TextBatch.ExtraJson(extras)}, {Sql.Literal(displayName)}, line, raw, _read_error
            FROM checked
            """);
        Sql.Execute(db, $"DROP VIEW {records}");
    }

    /// <summary>Why a record that did not split has malformed quoting, in the words of the reason.</summary>
    private static string QuotingError(string raw, string fields) => $"""
        CASE WHEN {fields} IS NULL THEN
            CASE WHEN regexp_full_match({raw}, '{OpenAtEnd}') THEN 'malformed quoting: a quoted field is never closed'
                 WHEN regexp_matches({raw}, '(?:^|,)"(?:[^"]|"")*"[^,]') THEN 'malformed quoting: text after a closing quote'
                 ELSE 'malformed quoting: a quote inside an unquoted field' END
        END
        """;

    private static IReadOnlyList<string> ParseHeader(DuckDBConnection db, string headerText, long first, string displayName)
    {
        var header = Sql.Column(db, $"""
            SELECT CASE WHEN starts_with(f, '"') THEN replace(f[2:-2], '""', '"') ELSE f END
            FROM (SELECT unnest(regexp_extract_all({headerText}, '{FieldCapture}', 1)) AS f)
            """).Select(h => (h ?? "").Trim()).ToList();
        var duplicate = header.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new IngestException($"{displayName}: line {first}: column '{duplicate.Key}' appears twice in the header", displayName);
        return header;
    }
}

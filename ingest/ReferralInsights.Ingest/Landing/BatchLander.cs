using System.Globalization;
using DuckDB.NET.Data;

namespace ReferralInsights.Ingest.Landing;

/// <summary>What landing one batch did: every row read is landed or quarantined.</summary>
internal sealed record LandedBatch(long RowsIn, long Landed, long Quarantined, IReadOnlyList<string> SampleReasons);

/// <summary>Checks a <see cref="TextBatch"/> against the contract (<see cref="ContractChecks"/>) and writes its rows as
/// Parquet: the landed ones typed, with <c>_extra</c>, <c>_ingested_at</c>, <c>_source_file</c> and <c>_line</c>; the
/// rejected ones with <c>_source_file</c>, <c>_line</c>, <c>_raw</c>, <c>_reason</c> and <c>_ingested_at</c>. The one
/// place where values are validated and Parquet is written, whatever the connector.</summary>
internal static class BatchLander
{
    private const int SampleReasonCount = 5;

    public static LandedBatch Land(DuckDBConnection db, TextBatch batch, DateTime ingestedAt, string rawFile, string quarantineFile)
    {
        var entity = batch.Entity;
        var at = $"TIMESTAMP '{ingestedAt:yyyy-MM-dd HH:mm:ss.ffffff}'";
        // Typed values and reasons in one streaming pass into a file in the batch's order, so a row without a _line (a view
        // over a native read) gets its position; the landed and the rejected rows are then two plain reads of it.
        var checkedFile = rawFile + ".checked";
        var typed = string.Join(", ", entity.Columns.Select(c =>
            $"CAST({ContractChecks.Value(c)} AS {ContractChecks.LandedType(c.Type)}) AS {Sql.Name(c.Name)}"));
        Copy(db, $"SELECT {typed}, _extra, _source_file, _line, _raw, {ContractChecks.Reason(entity)} AS _reason FROM {batch.Table}", checkedFile, "uncompressed");
        try
        {
            var checkedRows = $"(SELECT * EXCLUDE (_line, file_row_number), coalesce(_line, file_row_number + {batch.FirstViewLine}) AS _line " +
                              $"FROM read_parquet({Sql.Path(checkedFile)}, file_row_number = true))";
            var (rowsIn, quarantined) = Counts(db, checkedRows);
            if (batch.ExpectedRows is { } expected && rowsIn != expected)
            {
                var source = Sql.Column(db, $"SELECT min(_source_file) FROM {checkedRows}")[0] ?? batch.Table;
                throw new IngestException($"{source}: DuckDB's reader gave {rowsIn:N0} rows for its {expected:N0} lines; nothing of it was landed", source);
            }
            var columns = string.Join(", ", entity.Columns.Select(c => Sql.Name(c.Name)));
            Copy(db, $"SELECT {columns}, _extra, {at} AS _ingested_at, _source_file, _line FROM {checkedRows} WHERE _reason IS NULL", rawFile);
            var rejected = $"(SELECT * FROM {checkedRows} WHERE _reason IS NOT NULL)";
            var rawText = quarantined > 0 && batch.RawTextOfLines is { } rawTextOfLines
                ? RawTextTable(db, rejected, rawTextOfLines, batch.Table + "_raw_text") : null;
            Copy(db, $"SELECT r._source_file, r._line, {(rawText is null ? "r._raw" : "coalesce(r._raw, t.text)")} AS _raw, r._reason, " +
                     $"{at} AS _ingested_at FROM {rejected} r {(rawText is null ? "" : $"LEFT JOIN {rawText} t ON t.line = r._line ")}ORDER BY r._line",
                quarantineFile);
            if (rawText is not null) Sql.Execute(db, $"DROP TABLE {rawText}");
            var samples = Sql.Column(db, $"SELECT _source_file || ':' || _line || ': ' || _reason FROM {rejected} ORDER BY _line LIMIT {SampleReasonCount}");
            return new LandedBatch(rowsIn, rowsIn - quarantined, quarantined, samples!);
        }
        finally
        {
            File.Delete(checkedFile);
        }
    }

    /// <summary>The rows checked and how many of them were rejected, in one scan.</summary>
    private static (long Rows, long Rejected) Counts(DuckDBConnection db, string checkedRows)
    {
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT count(*), count(*) FILTER (WHERE _reason IS NOT NULL) FROM {checkedRows}";
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>A table of the raw text of the rejected rows that have none (their line's text), or null when none lacks it.</summary>
    private static string? RawTextTable(DuckDBConnection db, string rejected, Func<IReadOnlySet<long>, IReadOnlyDictionary<long, string>> rawTextOfLines,
        string table)
    {
        var lines = Sql.Column(db, $"SELECT _line FROM {rejected} WHERE _raw IS NULL")
            .Select(l => long.Parse(l!, CultureInfo.InvariantCulture)).ToHashSet();
        if (lines.Count == 0) return null;
        Sql.Execute(db, $"CREATE OR REPLACE TEMP TABLE {table} (line BIGINT, text VARCHAR)");
        using var appender = db.CreateAppender(table);
        foreach (var (line, text) in rawTextOfLines(lines)) appender.CreateRow().AppendValue((long?)line).AppendValue(text).EndRow();
        return table;
    }

    /// <summary>An empty Parquet file with the entity's landed schema: the raw zone's type for an entity with no rows yet.</summary>
    public static void WriteSchema(DuckDBConnection db, ContractEntity entity, string file)
    {
        var columns = string.Join(", ", entity.Columns.Select(c => $"CAST(NULL AS {ContractChecks.LandedType(c.Type)}) AS {Sql.Name(c.Name)}"));
        Copy(db, $"SELECT {columns}, CAST(NULL AS VARCHAR) AS _extra, CAST(NULL AS TIMESTAMP) AS _ingested_at, " +
                 "CAST(NULL AS VARCHAR) AS _source_file, CAST(NULL AS BIGINT) AS _line WHERE false", file);
    }

    // The checked file lives for one batch, so it is written uncompressed (2M medium clicks: 5.4 s → about 4.7 s).
    private static void Copy(DuckDBConnection db, string select, string file, string compression = "zstd")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var partial = file + ".partial";
        Sql.Execute(db, string.Create(CultureInfo.InvariantCulture,
            $"COPY ({select}) TO {Sql.Path(partial)} (FORMAT parquet, COMPRESSION {compression})"));
        File.Move(partial, file, overwrite: true);
    }
}

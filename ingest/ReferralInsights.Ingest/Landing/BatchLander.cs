using System.Globalization;
using DuckDB.NET.Data;

namespace ReferralInsights.Ingest.Landing;

/// <summary>What landing one batch did: every row read is landed or quarantined.</summary>
public sealed record LandedBatch(long RowsIn, long Landed, long Quarantined, IReadOnlyList<string> SampleReasons);

/// <summary>Checks a <see cref="TextBatch"/> against the contract (<see cref="ContractChecks"/>) and writes its rows as
/// Parquet: the landed ones typed, with <c>_extra</c>, <c>_ingested_at</c>, <c>_source_file</c> and <c>_line</c>; the
/// rejected ones with <c>_source_file</c>, <c>_line</c>, <c>_raw</c>, <c>_reason</c> and <c>_ingested_at</c>. The one
/// place where values are validated and Parquet is written, whatever the connector.</summary>
public static class BatchLander
{
    private const int SampleReasonCount = 5;

    public static LandedBatch Land(DuckDBConnection db, TextBatch batch, DateTime ingestedAt, string rawFile, string quarantineFile)
    {
        var entity = batch.Entity;
        var checkedTable = batch.Table + "_checked";
        var at = $"TIMESTAMP '{ingestedAt:yyyy-MM-dd HH:mm:ss.ffffff}'";
        // typed values and reasons in one pass; the landed and the rejected rows are then two plain reads of it
        var typed = string.Join(", ", entity.Columns.Select(c =>
            $"CAST({ContractChecks.Value(c)} AS {ContractChecks.LandedType(c.Type)}) AS {Sql.Name(c.Name)}"));
        Sql.Execute(db, $"CREATE OR REPLACE TEMP TABLE {checkedTable} AS SELECT {typed}, _extra, _source_file, _line, _raw, " +
                        $"{ContractChecks.Reason(entity)} AS _reason FROM {batch.Table}");
        var columns = string.Join(", ", entity.Columns.Select(c => Sql.Name(c.Name)));
        Copy(db, $"SELECT {columns}, _extra, {at} AS _ingested_at, _source_file, _line FROM {checkedTable} WHERE _reason IS NULL", rawFile);
        Copy(db, $"SELECT _source_file, _line, _raw, _reason, {at} AS _ingested_at FROM {checkedTable} WHERE _reason IS NOT NULL", quarantineFile);
        var rowsIn = Sql.Scalar<long>(db, $"SELECT count(*) FROM {checkedTable}");
        var quarantined = Sql.Scalar<long>(db, $"SELECT count(*) FROM {checkedTable} WHERE _reason IS NOT NULL");
        var samples = Sql.Column(db, $"SELECT _source_file || ':' || _line || ': ' || _reason FROM {checkedTable} WHERE _reason IS NOT NULL " +
                                     $"ORDER BY _line LIMIT {SampleReasonCount}");
        Sql.Execute(db, $"DROP TABLE {checkedTable}");
        return new LandedBatch(rowsIn, rowsIn - quarantined, quarantined, samples!);
    }

    /// <summary>An empty Parquet file with the entity's landed schema: the raw zone's type for an entity with no rows yet.</summary>
    public static void WriteSchema(DuckDBConnection db, ContractEntity entity, string file)
    {
        var columns = string.Join(", ", entity.Columns.Select(c => $"CAST(NULL AS {ContractChecks.LandedType(c.Type)}) AS {Sql.Name(c.Name)}"));
        Copy(db, $"SELECT {columns}, CAST(NULL AS VARCHAR) AS _extra, CAST(NULL AS TIMESTAMP) AS _ingested_at, " +
                 "CAST(NULL AS VARCHAR) AS _source_file, CAST(NULL AS BIGINT) AS _line WHERE false", file);
    }

    private static void Copy(DuckDBConnection db, string select, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var partial = file + ".partial";
        Sql.Execute(db, string.Create(CultureInfo.InvariantCulture,
            $"COPY ({select}) TO {Sql.Path(partial)} (FORMAT parquet, COMPRESSION zstd)"));
        File.Move(partial, file, overwrite: true);
    }
}

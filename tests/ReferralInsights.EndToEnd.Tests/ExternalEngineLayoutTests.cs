using ReferralInsights.Ingest;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>The published raw zone read as Spark, Trino or Databricks would read a Hive-partitioned table: a glob over
/// <c>raw/&lt;source&gt;/&lt;entity&gt;/ingest_date=…/</c> with <c>hive_partitioning</c>, knowing nothing of the pipeline's
/// state (docs/scale-out.md).</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ExternalEngineLayoutTests(SampleProgramRun run)
{
    [Fact]
    public void RawZone_ReadAsHivePartitionedTables_HasEveryLandedRow_UnderItsIngestDate()
    {
        using var db = new Db();
        foreach (var entity in Contract.Entities)
        {
            var glob = Path.Combine(run.OutDir, "raw", entity.Source, entity.Name, "*", "*.parquet");
            var external = $"read_parquet('{glob}', hive_partitioning = true, union_by_name = true)";
            var (rows, misdated) = (db.Scalar<long>($"SELECT count(*) FROM {external}"),
                db.Scalar<long>($"SELECT count(*) FROM {external} WHERE ingest_date IS DISTINCT FROM CAST(_ingested_at AS DATE)"));
            // the sample is landed once, so every batch in the raw zone is live: an external reader sees exactly the landed rows
            Assert.Equal(db.Scalar<long>($"SELECT count(*) FROM {run.Raw(entity.QualifiedName)}"), rows);
            Assert.True(rows > 0, $"{entity.QualifiedName} has no rows");
            Assert.Equal(0, misdated);
        }
    }
}

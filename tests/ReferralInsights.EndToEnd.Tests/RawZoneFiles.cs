using ReferralInsights.Ingest.Landing;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>DuckDB table expressions over a published output folder's live raw and quarantine batches (what its state lists).</summary>
public static class RawZoneFiles
{
    public static string Landed(string outDir, string entity) =>
        List(RawZone.LiveFiles(Path.Combine(outDir, "raw"), Path.Combine(outDir, "state"))[entity]);

    public static string Quarantined(string outDir, string entity) =>
        List(RawZone.LiveQuarantineFiles(Path.Combine(outDir, "quarantine"), Path.Combine(outDir, "state"))[entity]);

    private static string List(IReadOnlyList<string> files) =>
        "read_parquet([" + string.Join(", ", files.Select(f => $"'{f.Replace("'", "''")}'")) + "], union_by_name = true)";
}

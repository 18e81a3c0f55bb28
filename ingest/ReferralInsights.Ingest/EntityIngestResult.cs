namespace ReferralInsights.Ingest;

/// <summary>What ingesting one entity did: every input row is either landed or quarantined.</summary>
public sealed record EntityIngestResult(
    string Source,
    string Entity,
    IReadOnlyList<string> Files,
    long RowsIn,
    long Landed,
    long Quarantined,
    IReadOnlyList<string> SampleReasons,
    TimeSpan Elapsed);

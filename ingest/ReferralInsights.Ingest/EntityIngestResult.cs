namespace ReferralInsights.Ingest;

/// <summary>What ingesting one entity did in a run: the pieces read (files, tables) and their rows — every row read is
/// either landed or quarantined — and notes such as "re-read from the start: it shrank".</summary>
public sealed record EntityIngestResult(
    string Source,
    string Entity,
    IReadOnlyList<string> Files,
    long RowsIn,
    long Landed,
    long Quarantined,
    IReadOnlyList<string> SampleReasons,
    IReadOnlyList<string> Notes,
    TimeSpan Elapsed);

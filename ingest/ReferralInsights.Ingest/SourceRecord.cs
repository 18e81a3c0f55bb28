namespace ReferralInsights.Ingest;

/// <summary>One input row as read from a file: its physical line, its raw text and its values by column
/// name (null when the reader could not split the row, with <see cref="ReadError"/> saying why).</summary>
public sealed record SourceRecord(long Line, string Raw, IReadOnlyDictionary<string, string?>? Values, string? ReadError);

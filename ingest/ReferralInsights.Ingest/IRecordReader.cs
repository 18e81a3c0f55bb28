namespace ReferralInsights.Ingest;

/// <summary>Streams the rows of one input file.</summary>
public interface IRecordReader : IDisposable
{
    /// <summary>The column names of a format with a header row (CSV); null for self-describing rows (NDJSON).</summary>
    IReadOnlyList<string>? Header { get; }

    IEnumerable<SourceRecord> Records();
}

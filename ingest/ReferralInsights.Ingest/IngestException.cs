namespace ReferralInsights.Ingest;

/// <summary>An entity could not be ingested at all (a missing file or required column); nothing of it is published.</summary>
public sealed class IngestException(string message, string? file = null) : Exception(message)
{
    public string? File { get; } = file;
}

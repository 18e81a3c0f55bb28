namespace ReferralInsights.Cli.Run;

/// <summary>Which published numbers a run's "what changed" compares with: the current publication's marts when they
/// differ from the run's, else what the current publication compared with. A run that changes no number therefore
/// compares with the same baseline as its predecessor, and reruns over the same inputs and as-of write the same pages.</summary>
internal static class ChangesBaseline
{
    /// <returns>a marts version folder, or null when nothing different was ever published</returns>
    public static string? For(OutputLayout layout, string martsFingerprint) =>
        Publication.CurrentMarts(layout.Root) is { } current && MartsFingerprint.OfPublished(layout) != martsFingerprint
            ? current
            : Publication.CurrentBaselineMarts(layout.Root);
}

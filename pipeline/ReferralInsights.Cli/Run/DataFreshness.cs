using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Reports;

namespace ReferralInsights.Cli.Run;

public static class DataFreshness
{
    /// <summary>Each source with its connector kind and when it was last read: the earliest read time of its entities'
    /// states in <paramref name="stateDir"/> (null when one of them was never read).</summary>
    public static IReadOnlyList<SourceRefresh> Of(string stateDir, SourcesOptions sources) =>
        Contract.Sources.Select(source =>
        {
            var readAt = Contract.OfSource(source).Where(e => !e.Optional).Select(e => EntityState.Load(stateDir, e)?.ReadAt).ToList();
            return new SourceRefresh(source, sources.Of(source).Kind, readAt.Any(r => r is null) ? null : readAt.Min());
        }).ToList();
}

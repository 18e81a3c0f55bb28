using ReferralInsights.Config;

namespace ReferralInsights.Reports;

/// <summary>Writes the static site from the published marts: the leadership ROI page (<c>index.html</c>), the council
/// pack, the program-owner pages (partners, tiers, rewards table, reconciliation, compliance, data quality, the
/// lead-quality model card from the <c>models</c> registry beside <paramref name="martsDir"/>) with their
/// shared navigation, and one scorecard per partner under <c>partners/</c>. Every table is also a CSV beside its page.
/// <paramref name="previousMartsDir"/> is the marts folder of the previous published run (null or missing on the first
/// run), for "what changed since the previous run".</summary>
public static class SiteBuilder
{
    public static void Build(string martsDir, string? previousMartsDir, string siteDir, PipelineConfig config, DateOnly asOf, string runId,
        IProgress<string>? progress = null, IReadOnlyList<SourceRefresh>? freshness = null)
    {
        Directory.CreateDirectory(siteDir);
        using var marts = new MartReader(martsDir);
        var site = new SiteContext(marts, config, asOf, runId, siteDir, freshness);
        LeadershipPage.Write(site, new RunChanges(site, previousMartsDir));
        CouncilPage.Write(site);
        PartnersPage.Write(site);
        TiersPage.Write(site);
        RewardsTablePage.Write(site);
        ReconciliationPage.Write(site);
        CompliancePage.Write(site);
        DataQualityPage.Write(site);
        WhatIfPage.WriteCurrent(site);
        ModelCardPage.Write(site, Path.Combine(Path.GetDirectoryName(Path.GetFullPath(martsDir))!, "models"));
        var scorecards = ScorecardPages.Write(site);
        progress?.Report($"site written: 10 program pages and {scorecards.Count:N0} partner scorecards ({site.Year}, {site.Quarter})");
    }
}

using ReferralInsights.Config;

namespace ReferralInsights.Reports;

/// <summary>Writes the static site from the published marts: the leadership ROI page (<c>index.html</c>), the council
/// pack, the program-owner pages (partners, tiers, attribution models, rewards table, reconciliation, compliance, data quality, the
/// lead-quality model card from the registry in <paramref name="modelsDir"/>) with their
/// shared navigation, and one scorecard per partner under <c>partners/</c>. Every table is also a CSV beside its page.
/// <paramref name="pseudonyms"/> name the contacts on scorecards. <paramref name="previousMartsDir"/> is the marts folder to compare with for "what changed" (null or missing when there
/// is none); <paramref name="dataVersion"/> the marts' fingerprint shown on every page.</summary>
public static class SiteBuilder
{
    public static void Build(string martsDir, string modelsDir, string? previousMartsDir, string siteDir, PipelineConfig config, DateOnly asOf, string dataVersion,
        ContactPseudonyms pseudonyms, IProgress<string>? progress = null)
    {
        Directory.CreateDirectory(siteDir);
        using var marts = new MartReader(martsDir);
        var site = new SiteContext(marts, config, asOf, dataVersion, siteDir, pseudonyms);
        void Page(string name, Action write)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            write();
            progress?.Report(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}: {clock.Elapsed.TotalSeconds:0.0} s"));
        }
        Page("leadership", () => LeadershipPage.Write(site, new RunChanges(site, previousMartsDir)));
        Page("council", () => CouncilPage.Write(site));
        Page("partners", () => PartnersPage.Write(site));
        Page("tiers", () => TiersPage.Write(site));
        Page("attribution", () => AttributionPage.Write(site));
        Page("rewards table", () => RewardsTablePage.Write(site));
        Page("reconciliation", () => ReconciliationPage.Write(site));
        Page("compliance", () => CompliancePage.Write(site));
        Page("data quality", () => DataQualityPage.Write(site));
        Page("what-if", () => WhatIfPage.WriteCurrent(site));
        Page("model card", () => ModelCardPage.Write(site, modelsDir));
        var scorecards = ScorecardPages.Write(site, progress);
        progress?.Report($"site written: 11 program pages and {scorecards.Count:N0} partner scorecards ({site.Year}, {site.Quarter})");
    }
}

using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using ApprovalTests.Writers;
using ReferralInsights.Config;
using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>Snapshots of each page kind's HTML, rendered from the sample program's published marts (seed 42, as of
/// 2026-10-31) with a fixed run id and no previous run, so the pages are byte-for-byte deterministic. A change to a page
/// shows up as a diff against <c>approved/</c>; approve it by copying the <c>.received.html</c> over the approved file.</summary>
[Collection(SampleProgramCollection.Name)]
[UseReporter(typeof(QuietReporter))]
[UseApprovalSubdirectory("approved")]
public sealed class SiteApprovalTests
{
    private readonly string _site;

    // rendered once into the run's folder (removed with it), tests of a class run one after another
    public SiteApprovalTests(SampleProgramRun run)
    {
        _site = Path.Combine(run.Root, "approval-site");
        if (Directory.Exists(_site)) return;
        var config = ConfigLoader.Load(run.ConfigPath).Config;
        SiteBuilder.Build(Path.Combine(run.OutDir, "marts"), Path.Combine(run.OutDir, "models"), null, _site, config, SampleProgramRun.AsOf, "0123456789ab",
            new ContactPseudonyms(SampleProgramRun.PseudonymKey));
    }

    [Fact] public void Leadership() => Approve("index.html");
    [Fact] public void Council() => Approve("council.html");
    [Fact] public void Scorecard() => Approve("partners/P-0003.html");
    [Fact] public void Partners() => Approve("partners.html");
    [Fact] public void Tiers() => Approve("tiers.html");
    [Fact] public void RewardsTable() => Approve("rewards-table.html");
    [Fact] public void Reconciliation() => Approve("reconciliation.html");
    [Fact] public void Compliance() => Approve("compliance.html");
    [Fact] public void DataQuality() => Approve("data-quality.html");
    [Fact] public void ModelCard() => Approve("model-card.html");
    [Fact] public void WhatIf() => Approve("what-if.html");

    private void Approve(string page) => Approvals.Verify(new ApprovalTextWriter(File.ReadAllText(Path.Combine(_site, page)), "html"));
}

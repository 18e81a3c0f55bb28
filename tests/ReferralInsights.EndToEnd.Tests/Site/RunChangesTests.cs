using ReferralInsights.Config;
using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>"What changed since the previous run" on the leadership page compares the new marts with the previously
/// published ones.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class RunChangesTests(SampleProgramRun run) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ri-changes-");

    [Fact]
    public void PreviousRunWithoutOneRewardAndAnotherDollarHigher_ShowsOneNewOneRestatedAndThePayableDifference()
    {
        var marts = Path.Combine(run.OutDir, "marts");
        var previous = Directory.CreateDirectory(Path.Combine(_dir.FullName, "previous")).FullName;
        foreach (var file in Directory.EnumerateFiles(marts, "*.parquet")) File.Copy(file, Path.Combine(previous, Path.GetFileName(file)));
        using (var db = new Db())
        {
            var upfront = db.Rows($"SELECT reward_id FROM '{run.Mart("fct_rewards")}' WHERE type = 'upfront' AND status = 'payable' AND amount = 150 " +
                                  "ORDER BY reward_id LIMIT 2").Select(r => (string)r[0]!).ToList();
            var rewards = Path.Combine(previous, "fct_rewards.parquet");
            // the previous run had not seen the first reward yet, and paid the second one dollar more
            db.Rows($"COPY (SELECT * REPLACE (CASE WHEN reward_id = '{upfront[1]}' THEN amount + 1 ELSE amount END AS amount) " +
                    $"FROM '{run.Mart("fct_rewards")}' WHERE reward_id <> '{upfront[0]}') TO '{rewards}' (FORMAT parquet)");
        }
        var site = Path.Combine(_dir.FullName, "site");
        SiteBuilder.Build(marts, Path.Combine(run.OutDir, "models"), previous, site, ConfigLoader.Load(run.ConfigPath).Config, SampleProgramRun.AsOf, "test", new ContactPseudonyms(SampleProgramRun.PseudonymKey));

        var page = PageMetrics.Of(Path.Combine(site, "index.html"));
        Assert.Equal("1", page.Text("new_rewards"));
        Assert.Equal("1", page.Text("restated_rewards"));
        Assert.Equal("0", page.Text("gone_rewards"));
        Assert.Equal("+$149", page.Text("payable_delta")); // +150 new − 1 restated
    }

    // ROI is compared at the two decimals the page shows: one whole point lower before reads "+1.00×" (in the CSV as
    // '+1.00×: text starting with + gets the leading ' that keeps a spreadsheet from reading it as a formula).
    [Fact]
    public void PreviousRunWithRoiOnePointLower_ShowsTheRoiChange()
    {
        var marts = Path.Combine(run.OutDir, "marts");
        var previous = Directory.CreateDirectory(Path.Combine(_dir.FullName, "previous-roi")).FullName;
        foreach (var file in Directory.EnumerateFiles(marts, "*.parquet")) File.Copy(file, Path.Combine(previous, Path.GetFileName(file)));
        double roi;
        using (var db = new Db())
        {
            const string year = "period_type = 'year' AND period = '2026'";
            roi = db.Scalar<double>($"SELECT roi FROM '{run.Mart("fct_program_metrics")}' WHERE {year}");
            db.Rows($"COPY (SELECT * REPLACE (CASE WHEN {year} THEN roi - 1 ELSE roi END AS roi) FROM '{run.Mart("fct_program_metrics")}') " +
                    $"TO '{Path.Combine(previous, "fct_program_metrics.parquet")}' (FORMAT parquet)");
        }
        var site = Path.Combine(_dir.FullName, "site-roi");
        SiteBuilder.Build(marts, Path.Combine(run.OutDir, "models"), previous, site, ConfigLoader.Load(run.ConfigPath).Config, SampleProgramRun.AsOf, "test", new ContactPseudonyms(SampleProgramRun.PseudonymKey));

        var row = File.ReadAllLines(Path.Combine(site, "index", "changes.csv")).Single(l => l.StartsWith("ROI 2026,", StringComparison.Ordinal));
        Assert.Equal(FormattableString.Invariant($"ROI 2026,{Math.Round(roi - 1, 2):0.00}×,{Math.Round(roi, 2):0.00}×,'+1.00×"), row);
    }

    [Fact]
    public void NoEarlierNumbers_SaysThereIsNothingToCompareWith()
    {
        var site = Path.Combine(_dir.FullName, "site");
        SiteBuilder.Build(Path.Combine(run.OutDir, "marts"), Path.Combine(run.OutDir, "models"), Path.Combine(_dir.FullName, "no-previous-run"), site,
            ConfigLoader.Load(run.ConfigPath).Config, SampleProgramRun.AsOf, "test", new ContactPseudonyms(SampleProgramRun.PseudonymKey));
        Assert.Contains("No other numbers were published before these: nothing to compare with yet.", File.ReadAllText(Path.Combine(site, "index.html")));
    }

    public void Dispose() => _dir.Delete(recursive: true);
}

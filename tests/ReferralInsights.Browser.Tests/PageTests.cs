using System.Globalization;
using Microsoft.Playwright;
using ReferralInsights.Config;
using ReferralInsights.EndToEnd.Tests;
using ReferralInsights.Reports;

namespace ReferralInsights.Browser.Tests;

/// <summary>Each page kind opened in headless Chromium through <c>serve</c> with the admin token: it loads without console
/// errors, its charts render, its key numbers are the marts', and a screenshot is saved under the test output folder
/// (<c>screenshots/</c>).</summary>
[Collection(ServedSampleSiteCollection.Name)]
public sealed class PageTests(ServedSampleSite site)
{
    private static readonly Format Usd = new("USD");

    private sealed record OpenPage(IPage Page, List<string> Errors) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());
    }

    /// <summary>Opens <paramref name="path"/> as a person following a link with ?token= would, collecting console errors.</summary>
    private async Task<OpenPage> Open(string path, string token)
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add($"{message.Text} ({message.Location})"); };
        page.PageError += (_, error) => errors.Add(error);
        var response = await page.GotoAsync(new Uri(site.Server.Address, $"{path}?token={token}").ToString());
        Assert.True(response is { Status: 200 }, $"{path}: HTTP {response?.Status}");
        Assert.Equal(new Uri(site.Server.Address, path).ToString(), page.Url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServedSampleSite.Screenshots, path.Replace('/', '_') + ".png"), FullPage = true });
        return new OpenPage(page, errors);
    }

    private static async Task AssertChartsRender(IPage page, int atLeast)
    {
        var charts = await page.Locator("svg").AllAsync();
        Assert.True(charts.Count >= atLeast, $"{charts.Count} charts");
        foreach (var chart in charts)
        {
            var box = await chart.BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 100 }, $"chart box {box?.Width}×{box?.Height}");
        }
    }

    private static async Task<List<List<string>>> TableRows(IPage page, string tableId) =>
        (await page.Locator($"#{tableId} tbody tr").AllAsync())
        .Select(row => row.Locator("td").AllInnerTextsAsync().Result.Select(t => t.Trim()).ToList()).ToList();

    [Fact]
    public async Task Leadership_ShowsTheYearsSourcedRevenueFromTheMarts()
    {
        await using var open = await Open("index.html", site.AdminToken);
        using var db = new Db();
        var year = new FiscalPeriods(1).Year(SampleProgramRun.AsOf);
        var revenue = db.Scalar<decimal>($"SELECT sourced_revenue FROM '{site.Run.Mart("fct_program_metrics")}' WHERE period_type = 'year' AND period = '{year}'");

        var kpi = open.Page.Locator(".kpi", new PageLocatorOptions { HasText = $"partner-sourced revenue {year}" }).Locator(".v");

        Assert.Equal(Usd.Money(revenue), (await kpi.InnerTextAsync()).Trim());
        await AssertChartsRender(open.Page, atLeast: 1);
        Assert.True(open.Errors.Count == 0, string.Join("\n", open.Errors));
    }

    [Fact]
    public async Task RewardsTable_ShowsEveryTierOfTheConfiguration()
    {
        await using var open = await Open(RewardsTablePage.FileName, site.AdminToken);
        var tiers = ConfigLoader.Load(site.Run.ConfigPath).Config.Rewards.Tiers;

        var rows = await TableRows(open.Page, "tiers");

        Assert.Equal(tiers.Select(t => (t.Name, Format.Rate(t.CommissionRate))), rows.Select(r => (r[0], r[^1])));
        Assert.True(open.Errors.Count == 0, string.Join("\n", open.Errors));
    }

    // The sample program has enough referrals to train, so the card shows its calibration and importance charts.
    [Fact]
    public async Task ModelCard_OpensForTheAdmin_WithItsCharts()
    {
        await using var open = await Open(ModelCardPage.FileName, site.AdminToken);

        await AssertChartsRender(open.Page, atLeast: 2);
        Assert.True(open.Errors.Count == 0, string.Join("\n", open.Errors));
    }

    // The fixture replayed a candidate paying Silver 9 % instead of 8 %: the page's yearly rewards are the published marts'
    // (current) and the replay's (candidate), and its chart renders.
    [Fact]
    public async Task WhatIf_ShowsEachYearsRewardsFromBothMarts()
    {
        await using var open = await Open(WhatIfPage.FileName, site.AdminToken);
        using var db = new Db();
        var expected = db.Rows($"""
            SELECT c.period, c.rewards_earned, n.rewards_earned, c.roi, n.roi
            FROM '{site.Run.Mart("fct_program_metrics")}' AS c
            JOIN '{Path.Combine(site.Run.OutDir, "what-if", "marts", "fct_program_metrics.parquet")}' AS n USING (period_type, period)
            WHERE period_type = 'year' ORDER BY period
            """).Select(r => (IReadOnlyList<string>)[(string)r[0]!, Usd.Money((decimal)r[1]!), Usd.Money((decimal)r[2]!),
                Format.Ratio((double)r[3]!), Format.Ratio((double)r[4]!)]).ToList();

        var rows = await TableRows(open.Page, "program-by-year");

        Assert.Equal(expected, rows.Select(r => (IReadOnlyList<string>)[r[0], r[3], r[4], r[6], r[7]]).ToList());
        Assert.True(expected.Zip(rows).Any(e => e.First[1] != e.First[2]), "a 9 % Silver rate changes some year's rewards");
        Assert.Contains("Silver: commission rate", await open.Page.Locator("#terms").InnerTextAsync());
        await AssertChartsRender(open.Page, atLeast: 1);
        Assert.True(open.Errors.Count == 0, string.Join("\n", open.Errors));
    }
}

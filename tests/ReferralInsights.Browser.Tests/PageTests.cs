using Microsoft.Playwright;
using ReferralInsights.Config;
using ReferralInsights.EndToEnd.Tests;
using ReferralInsights.Reports;

namespace ReferralInsights.Browser.Tests;

/// <summary>Each page kind opened in headless Chromium through <c>serve</c> — program pages with the admin token, a scorecard
/// with its partner's token — as a person following a <c>?token=</c> link would: it loads without console errors, its charts
/// render, its key numbers are the marts', and a screenshot is saved under the test output folder (<c>screenshots/</c>).</summary>
[Collection(ServedSampleSiteCollection.Name)]
public sealed class PageTests(ServedSampleSite site)
{
    private static readonly Format Usd = new("USD");
    private const string Year = "2026"; // the sample's fiscal year starts in January; as_of is 2026-10-31

    private sealed record OpenPage(IPage Page, List<string> Errors) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());

        /// <summary>A headline number as the reader sees it (of the period shown, where a page has a period picker).</summary>
        public async Task<string> Metric(string metric) => (await Page.Locator($"[data-metric=\"{metric}\"]:visible .v").InnerTextAsync()).Trim();

        public void AssertNoConsoleErrors() => Assert.True(Errors.Count == 0, string.Join("\n", Errors));
    }

    private async Task<OpenPage> Open(string path, string token, int width = 1400, int height = 900)
    {
        var context = await site.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
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
        var charts = await page.Locator("svg:visible").AllAsync();
        Assert.True(charts.Count >= atLeast, $"{charts.Count} charts, expected at least {atLeast}");
        foreach (var chart in charts)
        {
            var box = await chart.BoundingBoxAsync();
            Assert.True(box is { Width: > 100, Height: > 100 }, $"chart box {box?.Width}×{box?.Height}");
        }
    }

    private static async Task<List<List<string>>> TableRows(IPage page, string tableId)
    {
        var rows = new List<List<string>>();
        foreach (var row in await page.Locator($"#{tableId} tbody tr").AllAsync())
            rows.Add((await row.Locator("td").AllInnerTextsAsync()).Select(t => t.Trim()).ToList());
        return rows;
    }

    // Every program page, with the number of charts it draws at least.
    [Theory]
    [InlineData("index.html", 2)]
    [InlineData("council.html", 2)]
    [InlineData("partners.html", 0)]
    [InlineData("tiers.html", 0)]
    [InlineData("attribution.html", 1)]
    [InlineData("rewards-table.html", 0)]
    [InlineData("what-if.html", 1)]
    [InlineData("reconciliation.html", 0)]
    [InlineData("compliance.html", 0)]
    [InlineData("data-quality.html", 0)]
    [InlineData("model-card.html", 2)]
    public async Task ProgramPage_OpensForTheAdmin_WithoutConsoleErrors_AndItsChartsRender(string path, int charts)
    {
        await using var open = await Open(path, site.AdminToken);

        await AssertChartsRender(open.Page, charts);
        Assert.Contains(path, await open.Page.Locator("nav.site a.here").GetAttributeAsync("href") ?? "");
        open.AssertNoConsoleErrors();
    }

    /// <summary>Each chart's box width, the width its drawing takes on screen, and the window's width.</summary>
    private static async Task<IReadOnlyList<double[]>> ChartWidths(IPage page) =>
        await page.EvaluateAsync<double[][]>("""
            () => Array.from(document.querySelectorAll('svg')).filter(s => s.getClientRects().length > 0).map(s =>
                [s.getBoundingClientRect().width, s.getScreenCTM().a * s.viewBox.baseVal.width, window.innerWidth])
            """);

    private static async Task AssertChartsFit(IPage page, string where)
    {
        var charts = await ChartWidths(page);
        Assert.NotEmpty(charts);
        foreach (var (box, drawn, window) in charts.Select(c => (c[0], c[1], c[2])))
        {
            Assert.True(box <= window, $"{where}: a chart {box} px wide in a {window} px window");
            Assert.True(Math.Abs(drawn - box) < 1, $"{where}: a chart drawn {drawn} px wide in a {box} px box (cropped, not scaled)");
        }
    }

    // On a phone (390 px wide) every chart is scaled down to the screen, whole (its drawing is as wide as its box), and
    // the page itself does not scroll sideways (wide tables scroll inside their own box).
    [Theory]
    [InlineData("index.html")]
    [InlineData("council.html")]
    [InlineData("model-card.html")]
    [InlineData("what-if.html")]
    public async Task OnAPhone_EveryChartScalesToTheScreen(string path)
    {
        await using var open = await Open(path, site.AdminToken, width: 390, height: 844);

        await AssertChartsFit(open.Page, path);
        Assert.True(await open.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            $"{path} is wider than the phone: the page scrolls sideways");
        await open.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServedSampleSite.Screenshots, "phone_" + path + ".png"), FullPage = true });
    }

    // Printed (print media, an A4 page's 794 px), charts scale to the page and no table is cut at its scroll box; the PDF
    // Chromium prints runs over several pages rather than stopping at the first screenful.
    [Theory]
    [InlineData("index.html")]
    [InlineData("council.html")]
    public async Task Printed_ChartsFitThePage_AndNoTableIsCut(string path)
    {
        await using var open = await Open(path, site.AdminToken, width: 794, height: 1123);
        await open.Page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await AssertChartsFit(open.Page, path);
        var cut = await open.Page.EvaluateAsync<int>(
            "() => Array.from(document.querySelectorAll('.scroll')).filter(s => s.scrollHeight > s.clientHeight + 1).length");
        Assert.Equal(0, cut);
        var pdf = await open.Page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        var pages = System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
        Assert.True(pages >= 3, $"{path} printed on {pages} page(s)");
    }

    [Fact]
    public async Task Leadership_HeadlineNumbers_AreTheYearRowOfProgramMetrics()
    {
        await using var open = await Open("index.html", site.AdminToken);
        using var db = new Db();
        var row = db.Rows($"SELECT sourced_revenue, program_cost, roi, referrals FROM '{site.Run.Mart("fct_program_metrics")}' " +
                          $"WHERE period_type = 'year' AND period = '{Year}'").Single();

        Assert.Equal(Usd.Money((decimal)row[0]!), await open.Metric("sourced_revenue"));
        Assert.Equal(Usd.Money((decimal)row[1]!), await open.Metric("program_cost"));
        Assert.Equal(Format.Ratio((double)row[2]!), await open.Metric("roi"));
        Assert.Equal(Format.Count((long)row[3]!), await open.Metric("funnel_referrals"));
    }

    [Fact]
    public async Task TiersAndDataQuality_CountsAreTheMarts()
    {
        using var db = new Db();
        await using (var tiers = await Open("tiers.html", site.AdminToken))
            foreach (var move in new[] { "up", "down", "keep" })
                Assert.Equal(Format.Count(db.Scalar<long>($"SELECT count(*) FROM '{site.Run.Mart("tier_recommendations")}' WHERE move = '{move}'")),
                    await tiers.Metric($"tier_{move}"));
        await using var quality = await Open("data-quality.html", site.AdminToken);
        Assert.Equal(Format.Count(db.Scalar<long>($"SELECT count(*) FROM '{site.Run.Mart("fct_data_quality")}'")), await quality.Metric("dq_findings"));
    }

    [Fact]
    public async Task RewardsTable_ShowsEveryTierOfTheConfiguration()
    {
        await using var open = await Open(RewardsTablePage.FileName, site.AdminToken);
        var tiers = ConfigLoader.Load(site.Run.ConfigPath).Config.Rewards.Tiers;

        var rows = await TableRows(open.Page, "tiers");

        Assert.Equal(tiers.Select(t => (t.Name, Format.Rate(t.CommissionRate).Shown)), rows.Select(r => (r[0], r[^1])));
    }

    // The fixture replayed a candidate paying Silver 9 % instead of 8 %: the page's yearly rewards and ROI are the published
    // marts' (current) and the replay's (candidate).
    [Fact]
    public async Task WhatIf_ShowsEachYearsRewardsAndRoiFromBothMarts()
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
        Assert.True(expected.Any(e => e[1] != e[2]), "a 9 % Silver rate changes some year's rewards");
        Assert.Contains("Silver: commission rate", await open.Page.Locator("#terms").InnerTextAsync());
    }

    // A scorecard opened with its own partner's token: its numbers are the partner's marts, its charts render, and it links
    // to no program page (which that token could not open anyway).
    [Fact]
    public async Task Scorecard_OpensWithItsPartnersToken_WithThePartnersNumbersAndNoProgramLinks()
    {
        var (id, token) = site.PartnerA;
        await using var open = await Open($"partners/{id}.html", token);
        using var db = new Db();
        var year = db.Rows($"SELECT referrals, sourced_revenue FROM '{site.Run.Mart("fct_partner_metrics")}' " +
                           $"WHERE partner_id = '{id}' AND period_type = 'year' AND period = '{Year}'").SingleOrDefault();
        var earned = db.Scalar<decimal>($"SELECT coalesce(sum(amount), 0) FROM '{site.Run.Mart("fct_rewards")}' WHERE partner_id = '{id}' AND status IN ('payable', 'capped')");

        Assert.Equal(Format.Count(year?[0] is long n ? n : 0), await open.Metric("referrals"));
        Assert.Equal(Usd.Money(year?[1] as decimal?), await open.Metric("sourced_revenue"));
        Assert.Equal(earned, PageNumber(await open.Metric("rewards_earned")));
        var links = await open.Page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.All(links, href => Assert.True(href.StartsWith($"{id}/", StringComparison.Ordinal), $"scorecard links to {href}"));
        await AssertChartsRender(open.Page, atLeast: 1);
        open.AssertNoConsoleErrors();
    }

    // The reader picks a period on a static page: the trailing twelve months replace the year's headline, funnel and cost
    // with the marts' T12M row, the pick stays in the address, and periods still running say so in the picker.
    [Fact]
    public async Task Leadership_PickingAPeriod_ShowsThatPeriodsNumbers_AndKeepsItInTheAddress()
    {
        await using var open = await Open("index.html", site.AdminToken);
        using var db = new Db();
        string Mart(string period, string column) => Convert.ToString(db.Scalar<object>(
            $"SELECT {column} FROM '{site.Run.Mart("fct_program_metrics")}' WHERE period = '{period}'"), System.Globalization.CultureInfo.InvariantCulture)!;
        var picker = open.Page.Locator("select.period-picker");

        var options = (await picker.Locator("option").AllInnerTextsAsync()).ToList();
        Assert.Equal(["2026 (to date)", "2025", "2024", "trailing 12 months", "2026-Q4 (to date)", "2026-Q3"], options.Take(6));
        Assert.Equal(Year, await picker.InputValueAsync());

        await picker.SelectOptionAsync("T12M");
        Assert.Equal("Trailing 12 months to 31 Oct 2026", (await open.Page.Locator("section[id^=headline]:visible h2").InnerTextAsync()).Trim());
        Assert.Equal(Usd.Money(decimal.Parse(Mart("T12M", "sourced_revenue"), System.Globalization.CultureInfo.InvariantCulture)), await open.Metric("sourced_revenue"));
        Assert.Equal(Usd.Money(decimal.Parse(Mart("T12M", "program_cost"), System.Globalization.CultureInfo.InvariantCulture)), await open.Metric("program_cost"));
        Assert.EndsWith("#period=T12M", open.Page.Url);

        await picker.SelectOptionAsync("2025-Q3");
        Assert.Equal(Format.Count(long.Parse(Mart("2025-Q3", "referrals"), System.Globalization.CultureInfo.InvariantCulture)), await open.Metric("funnel_referrals"));
        Assert.True(await open.Page.Locator("section#program-cost-2025-Q3").IsVisibleAsync());
        Assert.False(await open.Page.Locator("section#program-cost").IsVisibleAsync());
        await AssertChartsRender(open.Page, atLeast: 2);
        open.AssertNoConsoleErrors();
    }

    // A link to the council pack on a quarter opens on it; the enablement gaps of a finished quarter compare it with the
    // quarter before, and those of the running year its months so far with the same months of the year before.
    [Fact]
    public async Task Council_OnAPeriodLink_ComparesLikeForLike()
    {
        await using var open = await Open("council.html", site.AdminToken);
        using var db = new Db();
        await open.Page.GotoAsync(open.Page.Url + "#period=2025-Q3");
        var partners = db.Scalar<long>($"SELECT count(*) FROM '{site.Run.Mart("fct_partner_metrics")}' WHERE period_type = 'quarter' AND period = '2025-Q3'");

        Assert.Equal("2025-Q3", await open.Page.Locator("select.period-picker").InputValueAsync());
        Assert.Equal(Format.Count(partners), await open.Metric("active_partners"));
        Assert.Equal(["referrals 2025-Q2", "qualified rate 2025-Q2", "referrals 2025-Q3", "qualified rate 2025-Q3"],
            (await open.Page.Locator("#enablement-gaps-2025-Q3 th").AllInnerTextsAsync()).Skip(2).Take(4).Select(h => h.Trim()));

        await open.Page.Locator("select.period-picker").SelectOptionAsync(Year);
        Assert.Equal(["referrals Jan–Oct 2025", "qualified rate Jan–Oct 2025", "referrals Jan–Oct 2026", "qualified rate Jan–Oct 2026"],
            (await open.Page.Locator("#enablement-gaps:visible th").AllInnerTextsAsync()).Skip(2).Take(4).Select(h => h.Trim()));
        open.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Scorecard_PickingTheTrailingTwelveMonths_ShowsThePartnersRowForThem()
    {
        var (id, token) = site.PartnerA;
        await using var open = await Open(ScorecardPages.PathOf(id), token);
        using var db = new Db();
        var row = db.Rows($"SELECT referrals, sourced_revenue FROM '{site.Run.Mart("fct_partner_metrics")}' " +
                          $"WHERE partner_id = '{id}' AND period_type = 'trailing_12m'").Single();

        await open.Page.Locator("select.period-picker").SelectOptionAsync("T12M");

        Assert.Equal(Format.Count((long)row[0]!), await open.Metric("referrals"));
        Assert.Equal(Usd.Money((decimal)row[1]!), await open.Metric("sourced_revenue"));
        Assert.True(await open.Page.Locator("section#peers-T12M").IsVisibleAsync());
        open.AssertNoConsoleErrors();
    }

    // The partner opening its scorecard sees its own referrals, newest first (the first 50 on the page), each contact
    // only as a pseudonym, and every withheld amount beside its reason in words.
    [Fact]
    public async Task Scorecard_ListsThePartnersReferralsNewestFirst_WithContactsByPseudonymOnly()
    {
        var (id, token) = site.PartnerA;
        await using var open = await Open(ScorecardPages.PathOf(id), token);
        using var db = new Db();
        var newest = db.Rows($"SELECT referral_id FROM '{site.Run.Mart("fct_referrals")}' WHERE partner_id = '{id}' ORDER BY submitted_at DESC, referral_id LIMIT 50")
            .Select(r => (string)r[0]!).ToList();

        var rows = await TableRows(open.Page, "referrals");

        Assert.NotEmpty(newest);
        Assert.Equal(newest, rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Matches("^(contact [0-9a-f]{10}|–)$", r[2]));
        Assert.All(rows.Where(r => r[9] != "$0.00"), r => Assert.False(string.IsNullOrWhiteSpace(r[10]), $"{r[0]} withholds {r[9]} without a reason"));
        open.AssertNoConsoleErrors();
    }

    private static decimal PageNumber(string text) =>
        (text.StartsWith('−') ? -1 : 1) * decimal.Parse(new string(text.Where(c => char.IsDigit(c) || c == '.').ToArray()), System.Globalization.CultureInfo.InvariantCulture);
}

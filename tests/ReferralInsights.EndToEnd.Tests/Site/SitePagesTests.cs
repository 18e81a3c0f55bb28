using System.Text.RegularExpressions;
using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>The site the sample run published: every page kind is there, its headline numbers are the marts' numbers, and
/// its tables are exported as CSV.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class SitePagesTests(SampleProgramRun run)
{
    private const string Year = "2026"; // the fiscal year of SampleProgramRun.AsOf (fiscal year starts in January)
    private string SiteFile(string path) => Path.Combine(run.OutDir, "site", path);

    [Theory]
    [InlineData("index.html")]
    [InlineData("council.html")]
    [InlineData("partners.html")]
    [InlineData("tiers.html")]
    [InlineData("rewards-table.html")]
    [InlineData("reconciliation.html")]
    [InlineData("compliance.html")]
    [InlineData("data-quality.html")]
    public void ProgramPage_IsWritten_WithTheSharedNavigationMarkingIt(string page)
    {
        var html = File.ReadAllText(SiteFile(page));
        Assert.Contains($"<a href=\"{page}\" class=\"here\">", html);
        foreach (var (file, _) in ProgramNav.Links) Assert.Contains($"<a href=\"{file}\"", html);
        Assert.Contains("href=\"model-card.html\"", html);
        Assert.Contains("href=\"what-if.html\"", html);
    }

    [Fact]
    public void LeadershipHeadline_EqualsTheYearRowOfProgramMetrics()
    {
        using var db = new Db();
        var row = db.Rows($"SELECT sourced_revenue, program_cost, roi, partner_share_of_new_revenue, cost_per_qualified_referral, referrals, accepted, qualified, won " +
                          $"FROM '{run.Mart("fct_program_metrics")}' WHERE period_type = 'year' AND period = '{Year}'").Single();
        var page = PageMetrics.Of(SiteFile("index.html"));
        Assert.Equal(Whole((decimal)row[0]!), page.Number("sourced_revenue"));
        Assert.Equal(Whole((decimal)row[1]!), page.Number("program_cost"));
        Assert.Equal(Math.Round((decimal)(double)row[2]!, 2, MidpointRounding.AwayFromZero), page.Number("roi"));
        Assert.Equal(Math.Round((decimal)(double)row[3]! * 100, 1, MidpointRounding.AwayFromZero), page.Number("partner_share_of_new_revenue"));
        Assert.Equal(Whole((decimal)row[4]!), page.Number("cost_per_qualified_referral"));
        Assert.Equal((long)row[5]!, (long)page.Number("funnel_referrals"));
        Assert.Equal((long)row[6]!, (long)page.Number("funnel_accepted"));
        Assert.Equal((long)row[7]!, (long)page.Number("funnel_qualified"));
        Assert.Equal((long)row[8]!, (long)page.Number("funnel_won"));
    }

    [Fact]
    public void ProgramCostExport_RewardsByTypeAddUpToRewardsEarned_AndTheTotalToProgramCost()
    {
        using var db = new Db();
        var row = db.Rows($"SELECT rewards_earned, program_cost FROM '{run.Mart("fct_program_metrics")}' WHERE period_type = 'year' AND period = '{Year}'").Single();
        // the CSV holds the amounts unrounded (the page shows whole dollars), so they add up to the cent
        var lines = db.Rows($"SELECT cost, \"amount (USD)\" FROM read_csv('{SiteFile("index/program-cost.csv")}', header = true, all_varchar = true)")
            .Select(r => (Label: (string)r[0]!, Amount: decimal.Parse((string)r[1]!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var rewards = lines.Where(l => l.Label.EndsWith(" rewards", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rewards);
        Assert.Equal((decimal)row[0]!, rewards.Sum(l => l.Amount));
        Assert.Equal((decimal)row[1]!, lines.Single(l => l.Label == "program cost").Amount);
    }

    // The sample's one other cost is the year 2025's 120,000: the trailing twelve months to 2026-10-31 hold 61 of its 365
    // days (Nov 1 - Dec 31, 2025), 20,054.79; rewards are those earned from 2025-11-01 on.
    [Fact]
    public void ProgramCostExport_OfTheTrailingTwelveMonths_TakesRewardsOfTheWindow_AndOtherCostsByTheirDays()
    {
        using var db = new Db();
        var lines = PageCsv.Records(SiteFile("index/program-cost-T12M.csv"))
            .ToDictionary(r => r["cost"]!, r => decimal.Parse(r["amount (USD)"]!, System.Globalization.CultureInfo.InvariantCulture));
        var rewards = db.Scalar<decimal>($"""
            SELECT sum(amount) FROM '{run.Mart("fct_rewards")}'
            WHERE status IN ('payable', 'capped') AND earned_at >= TIMESTAMP '2025-11-01' AND earned_at < TIMESTAMP '2026-11-01'
            """);

        Assert.Equal(20054.79m, lines["other program costs"]);
        Assert.Equal(rewards, lines.Where(l => l.Key.EndsWith(" rewards", StringComparison.Ordinal)).Sum(l => l.Value));
        Assert.Equal(rewards + 20054.79m, lines["program cost"]);
    }

    // The running year's gaps compare January to October of 2026 with January to October of 2025, never with all of
    // 2025: each segment's referral counts are those of the same ten months in both years, counted here from the
    // referrals themselves.
    [Fact]
    public void EnablementGaps_OfTheRunningYear_CompareTheSameMonthsOfBothYears()
    {
        using var db = new Db();
        var rows = PageCsv.Records(SiteFile("council/enablement-gaps.csv"));
        long Referrals(string type, string region, int year) => db.Scalar<long>($"""
            SELECT count(*) FROM '{run.Mart("fct_referrals")}' AS r JOIN '{run.Mart("dim_partners")}' AS p USING (partner_id)
            WHERE NOT r.is_duplicate AND coalesce(p.type, 'unknown') = '{type}' AND coalesce(p.region, 'unknown') = '{region}'
              AND r.submitted_at >= TIMESTAMP '{year}-01-01' AND r.submitted_at < TIMESTAMP '{year}-11-01'
            """);

        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            Assert.Equal(Referrals(row["partner type"]!, row["region"]!, 2025), long.Parse(row["referrals Jan–Oct 2025"]!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Referrals(row["partner type"]!, row["region"]!, 2026), long.Parse(row["referrals Jan–Oct 2026"]!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    // Page CSVs hold numbers as the marts do — ratios, exact amounts, plain counts — with each column's unit in its
    // header; a table of measures by row (units mixed in a column) keeps the text the page shows.
    [Fact]
    public void PageCsvs_HoldTheMartsNumbersRaw_WithTheUnitInTheHeader()
    {
        using var db = new Db();
        var csv = $"read_csv('{SiteFile("partners/partners.csv")}', header = true, all_varchar = true, quote = '\"')";
        var top = db.Rows($"""
            SELECT "2026 referrals", "2026 qualified rate (ratio)", "2026 partner-sourced revenue (USD)", "2026 median days to close (days)",
                   "2026 open pipeline (USD)"
            FROM {csv} WHERE id = 'P-0032'
            """).Single();
        var mart = db.Rows($"SELECT referrals, qualified_rate, sourced_revenue, median_days_to_close, open_pipeline FROM '{run.Mart("fct_partner_metrics")}' " +
                           $"WHERE partner_id = 'P-0032' AND period_type = 'year' AND period = '{Year}'").Single();
        var invariant = System.Globalization.CultureInfo.InvariantCulture;

        Assert.Equal((long)mart[0]!, long.Parse((string)top[0]!, invariant));
        Assert.Equal((double)mart[1]!, double.Parse((string)top[1]!, invariant));
        Assert.Equal((decimal)mart[2]!, decimal.Parse((string)top[2]!, invariant));
        Assert.Equal((double)mart[3]!, double.Parse((string)top[3]!, invariant));
        Assert.Equal((decimal)mart[4]!, decimal.Parse((string)top[4]!, invariant));
        var distribution = File.ReadAllLines(SiteFile("council/partner-distribution.csv"));
        Assert.Equal("measure,lower quartile,median partner,upper quartile", distribution[0]);
        Assert.Matches(@"^qualified rate,[0-9.]+ %,[0-9.]+ %,[0-9.]+ %$", distribution.Single(l => l.StartsWith("qualified rate,", StringComparison.Ordinal)));
    }

    [Fact]
    public void Scorecard_HeadlineAndRewards_EqualThePartnersMarts()
    {
        using var db = new Db();
        var partners = db.Rows($"SELECT partner_id, referrals, qualified_rate, sourced_revenue FROM '{run.Mart("fct_partner_metrics")}' " +
                               $"WHERE period_type = 'year' AND period = '{Year}' AND qualified_rate IS NOT NULL ORDER BY sourced_revenue DESC, partner_id LIMIT 3");
        Assert.Equal(3, partners.Count);
        foreach (var p in partners)
        {
            var id = (string)p[0]!;
            var page = PageMetrics.Of(SiteFile($"partners/{id}.html"));
            Assert.Equal((long)p[1]!, (long)page.Number("referrals"));
            Assert.Equal(Math.Round((decimal)(double)p[2]! * 100, 1, MidpointRounding.AwayFromZero), page.Number("qualified_rate"));
            Assert.Equal(Whole((decimal)p[3]!), page.Number("sourced_revenue"));
            var earned = db.Scalar<decimal>($"SELECT coalesce(sum(amount), 0) FROM '{run.Mart("fct_rewards")}' WHERE partner_id = '{id}' AND status IN ('payable', 'capped')");
            Assert.Equal(earned, page.Number("rewards_earned"));
            var withheld = db.Scalar<decimal>($"SELECT coalesce(sum(amount), 0) FROM '{run.Mart("fct_rewards")}' WHERE partner_id = '{id}' AND status = 'withheld'");
            Assert.Equal(withheld, page.Number("rewards_withheld"));
            // open pipeline now: the reward model's credit × amount of the partner's deals still open at as_of
            var pipeline = db.Scalar<decimal>($"""
                SELECT coalesce(sum(a.credit * o.amount_usd), 0) FROM '{run.Mart("fct_attribution")}' AS a
                JOIN '{run.Mart("fct_opportunities")}' AS o USING (opportunity_id)
                WHERE a.partner_id = '{id}' AND a.is_reward_model AND o.status = 'open'
                """);
            Assert.Equal(Whole(Math.Round(pipeline, 2, MidpointRounding.AwayFromZero)), page.Number("open_pipeline"));
        }
    }

    [Fact]
    public void TiersPage_CountsMovesAsTierRecommendations()
    {
        using var db = new Db();
        var page = PageMetrics.Of(SiteFile("tiers.html"));
        foreach (var move in new[] { "up", "down", "keep" })
            Assert.Equal(db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("tier_recommendations")}' WHERE move = '{move}'"), (long)page.Number("tier_" + move));
    }

    [Fact]
    public void ProgramOwnerPages_CountsAndTotals_EqualTheMarts()
    {
        using var db = new Db();
        var reconciliation = PageMetrics.Of(SiteFile("reconciliation.html"));
        var totals = db.Rows($"SELECT sum(expected), sum(paid), sum(difference), count(*) FILTER (WHERE status <> 'matched') FROM '{run.Mart("fct_reconciliation")}'").Single();
        Assert.Equal((decimal)totals[0]!, reconciliation.Number("reconciliation_expected"));
        Assert.Equal((decimal)totals[1]!, reconciliation.Number("reconciliation_paid"));
        Assert.Equal((decimal)totals[2]!, reconciliation.Number("reconciliation_difference"));
        Assert.Equal((long)totals[3]!, (long)reconciliation.Number("reconciliation_issues"));

        var compliance = PageMetrics.Of(SiteFile("compliance.html"));
        foreach (var severity in new[] { "block", "review", "info" })
            Assert.Equal(db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_compliance_flags")}' WHERE severity = '{severity}'"),
                (long)compliance.Number("flags_" + severity));

        var quality = PageMetrics.Of(SiteFile("data-quality.html"));
        Assert.Equal(db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_data_quality")}' WHERE severity = 'error'"), (long)quality.Number("dq_errors"));
        Assert.Equal(db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_data_quality")}' WHERE severity = 'warning'"), (long)quality.Number("dq_warnings"));
        Assert.Equal(db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_data_quality")}'"), (long)quality.Number("dq_findings"));

        Assert.Equal(db.Scalar<long>($"SELECT count(DISTINCT partner_id) FROM '{run.Mart("fct_partner_metrics")}' WHERE period_type = 'year' AND period = '{Year}'"),
            (long)PageMetrics.Of(SiteFile("council.html")).Number("active_partners"));
    }

    [Fact]
    public void EveryTable_HasItsCsvBesideThePage_WithTheSameRowCountAsTheLinkSays()
    {
        var site = Path.Combine(run.OutDir, "site");
        var pages = Directory.EnumerateFiles(site, "*.html").Append(SiteFile("partners/P-0003.html")).ToList();
        foreach (var page in pages)
        {
            var html = File.ReadAllText(page);
            var tables = Regex.Matches(html, "<table id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(tables);
            var folder = Path.Combine(Path.GetDirectoryName(page)!, Path.GetFileNameWithoutExtension(page));
            foreach (var table in tables)
            {
                var csv = Path.Combine(folder, table + ".csv");
                Assert.True(File.Exists(csv), $"{csv} missing");
                var link = Regex.Match(html, $"<a href=\"{Regex.Escape(Path.GetFileName(folder))}/{Regex.Escape(table)}.csv\" download>Download CSV</a> · (?:showing [\\d,]+ of )?([\\d,]+) rows");
                Assert.True(link.Success, $"{page}: no CSV link for {table}");
                var rows = long.Parse(link.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
                using var db = new Db();
                Assert.Equal(rows, db.Scalar<long>($"SELECT count(*) FROM read_csv('{csv}', header = true, all_varchar = true, quote = '\"')"));
            }
        }
    }

    [Fact]
    public void Csv_QuotesCommasQuotesAndLineBreaks()
    {
        Assert.Equal("plain", CsvLine("plain"));
        Assert.Equal("\"$1,234\"", CsvLine("$1,234"));
        Assert.Equal("\"say \"\"hi\"\"\"", CsvLine("say \"hi\""));
        Assert.Equal("\"two\nlines\"", CsvLine("two\nlines"));
        Assert.Equal("a,,b", CsvLine("a", null, "b"));
    }

    /// <summary>One record as <see cref="Csv"/> writes it, without its line end.</summary>
    private static string CsvLine(params string?[] fields)
    {
        var text = new StringWriter();
        using (var csv = new Csv(text)) csv.Row(fields);
        return text.ToString()[..^1];
    }

    // OWASP's CSV injection rule: text starting with = + - @ tab or CR gets a leading '; numbers keep their sign.
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1 555 0100", "'+1 555 0100")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("-", "'-")]
    [InlineData("-500.00", "-500.00")]
    [InlineData("-3", "-3")]
    [InlineData("−$300", "−$300")] // U+2212, as the pages show negative money: not a formula
    [InlineData("a=b", "a=b")]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("\rx", "\"'\rx\"")]
    public void Csv_NeutralisesFormulas_ButNotNumbers(string field, string written) => Assert.Equal(written, CsvLine(field));

    private static decimal Whole(decimal value) => Math.Round(value, 0, MidpointRounding.AwayFromZero);
}

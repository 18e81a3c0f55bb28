using System.Text;
using ReferralInsights.Config;

namespace ReferralInsights.Reports;

/// <summary>Writes the static site from the published marts: <c>index.html</c> with the program's totals and
/// each partner's headline metrics for the fiscal year and the quarter that contain as_of, and the published rewards
/// table (<see cref="RewardsTablePage"/>), linked from it.</summary>
public static class SiteBuilder
{
    private static readonly string[] HeadlineHeaders = ["referrals", "qualified rate", "conversion rate", "avg deal size", "median days to close"];

    public static void Build(string martsDir, string siteDir, PipelineConfig config, DateOnly asOf, string runId, IProgress<string>? progress = null)
    {
        Directory.CreateDirectory(siteDir);
        using var marts = new MartReader(martsDir);
        var periods = new FiscalPeriods(config.Funnel.FiscalYearStartMonth);
        var format = new Format(config.Program.Currency);
        var year = periods.Year(asOf);
        var quarter = periods.Quarter(asOf);

        var body = new StringBuilder();
        body.Append($"<nav class=\"note\"><a href=\"{RewardsTablePage.FileName}\">Rewards table {asOf.Year}</a>: tiers, bonuses, " +
                    $"commission rates, caps and windows · <a href=\"{WhatIfPage.FileName}\">Reward what-if</a> · <a href=\"{ModelCardPage.FileName}\">Lead-quality model card</a></nav><br>");
        body.Append(ProgramSection(marts, format, year, quarter));
        body.Append(RevenueChartSection(marts, format));
        body.Append(PartnerSection(marts, format, year, quarter));
        var page = Html.Page($"{config.Program.Name}: partner program", $"As of {Format.Date(asOf)} · run {runId}", body.ToString());
        File.WriteAllText(Path.Combine(siteDir, "index.html"), page, new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(siteDir, RewardsTablePage.FileName), RewardsTablePage.Render(config, asOf), new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(siteDir, WhatIfPage.FileName), WhatIfPage.RenderCurrent(marts, config, asOf), new UTF8Encoding(false));
        ModelCardPage.Write(martsDir, siteDir, asOf, runId);
        progress?.Report($"index.html and {RewardsTablePage.FileName} written ({year}, {quarter})");
    }

    private static string ProgramSection(MartReader marts, Format format, string year, string quarter)
    {
        var rows = marts.Query("""
            SELECT period_type, period, referrals, accepted, qualified, won, qualified_rate, conversion_rate, sourced_revenue,
                   avg_deal_size, median_days_to_close, program_cost, roi
            FROM fct_program_metrics
            WHERE (period_type = 'year' AND period = ?) OR (period_type = 'quarter' AND period = ?)
            ORDER BY CASE period_type WHEN 'year' THEN 0 ELSE 1 END
            """, year, quarter);
        var yearRow = rows.FirstOrDefault(r => r.Text("period_type") == "year");
        var kpis = new StringBuilder("<div class=\"kpis\">");
        void Kpi(string label, string value) => kpis.Append($"<div class=\"kpi\"><div class=\"v\">{Html.E(value)}</div><div class=\"l\">{Html.E(label)}</div></div>");
        Kpi($"partner-sourced revenue {year}", format.Money(yearRow?.Decimal("sourced_revenue")));
        Kpi("referrals", Format.Count(yearRow?.Long("referrals") ?? 0));
        Kpi("qualified rate", Format.Percent(yearRow?.Double("qualified_rate")));
        Kpi("conversion rate", Format.Percent(yearRow?.Double("conversion_rate")));
        Kpi("avg deal size", format.Money(yearRow?.Decimal("avg_deal_size")));
        Kpi("median days to close", Format.Days(yearRow?.Double("median_days_to_close")));
        kpis.Append("</div>");

        var table = Html.Table("program-totals",
            ["period", "referrals", "accepted", "qualified", "won", "qualified rate", "conversion rate", "sourced revenue", "avg deal size",
                "median days to close", "program cost", "ROI"],
            rows.Select(r => (IReadOnlyList<string>)
            [
                r.Text("period")!, Format.Count(r.Long("referrals")), Format.Count(r.Long("accepted")), Format.Count(r.Long("qualified")),
                Format.Count(r.Long("won")), Format.Percent(r.Double("qualified_rate")), Format.Percent(r.Double("conversion_rate")),
                format.Money(r.Decimal("sourced_revenue")), format.Money(r.Decimal("avg_deal_size")), Format.Days(r.Double("median_days_to_close")),
                format.Money(r.Decimal("program_cost")), Format.Ratio(r.Double("roi")),
            ]));
        return $"<section id=\"program\"><h2>Program, fiscal year {Html.E(year)} and quarter {Html.E(quarter)} (to date)</h2>{kpis}<br>{table}</section>";
    }

    private static string RevenueChartSection(MartReader marts, Format format)
    {
        var rows = marts.Query("SELECT period, sourced_revenue FROM fct_program_metrics WHERE period_type = 'quarter' ORDER BY period");
        if (rows.Count == 0) return "";
        var svg = Charts.Bars(rows.Select(r => r.Text("period")!).ToList(), rows.Select(r => r.Double("sourced_revenue") ?? 0).ToList(),
            "partner-sourced revenue", v => format.Money((decimal)v));
        return $"<section id=\"revenue-by-quarter\"><h2>Partner-sourced revenue by quarter</h2>{svg}" +
               "<p class=\"note\">Won deals by close date, weighted by each partner's reward-model credit.</p></section>";
    }

    private static string PartnerSection(MartReader marts, Format format, string year, string quarter)
    {
        var rows = marts.Query("""
            WITH m AS (
                SELECT * FROM fct_partner_metrics
                WHERE (period_type = 'year' AND period = ?) OR (period_type = 'quarter' AND period = ?))
            SELECT p.partner_id, p.name, p.type, p.tier,
                   y.referrals AS y_referrals, y.qualified_rate AS y_qualified_rate, y.conversion_rate AS y_conversion_rate,
                   y.avg_deal_size AS y_avg_deal_size, y.median_days_to_close AS y_median_days, y.sourced_revenue AS y_revenue,
                   q.referrals AS q_referrals, q.qualified_rate AS q_qualified_rate, q.conversion_rate AS q_conversion_rate,
                   q.avg_deal_size AS q_avg_deal_size, q.median_days_to_close AS q_median_days
            FROM dim_partners p
            LEFT JOIN m y ON y.partner_id = p.partner_id AND y.period_type = 'year'
            LEFT JOIN m q ON q.partner_id = p.partner_id AND q.period_type = 'quarter'
            WHERE y.partner_id IS NOT NULL OR q.partner_id IS NOT NULL
            ORDER BY coalesce(y.sourced_revenue, 0) DESC, p.partner_id
            """, year, quarter);
        IEnumerable<string> Headline(Row r, string p) =>
        [
            Format.Count(r.Long($"{p}_referrals")), Format.Percent(r.Double($"{p}_qualified_rate")), Format.Percent(r.Double($"{p}_conversion_rate")),
            format.Money(r.Decimal($"{p}_avg_deal_size")), Format.Days(r.Double($"{p}_median_days")),
        ];
        var headers = new List<string> { "partner", "type", "tier" };
        headers.AddRange(HeadlineHeaders.Select(h => $"{year} {h}"));
        headers.AddRange(HeadlineHeaders.Select(h => $"{quarter} {h}"));
        var table = Html.Table("partners", headers,
            rows.Select(r => (IReadOnlyList<string>)[r.Text("name") ?? r.Text("partner_id")!, r.Text("type") ?? "", r.Text("tier") ?? "",
                ..Headline(r, "y"), ..Headline(r, "q")]),
            numericFrom: 3);
        return $"<section id=\"partner-table\"><h2>Partners ({Format.Count(rows.Count)} active in {Html.E(year)})</h2>{table}</section>";
    }
}

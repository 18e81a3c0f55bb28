using System.Text;

namespace ReferralInsights.Reports;

/// <summary><c>index.html</c>, for leadership: what the program returns and what it costs (in the period the reader picks,
/// the current fiscal year to date unless they pick another, and by quarter), the funnel, partner-sourced against other deals, the breakdown by partner type and region, and what changed
/// since the previous run.</summary>
internal static class LeadershipPage
{
    public const string FileName = "index.html";

    public static void Write(SiteContext site, RunChanges changes)
    {
        var page = site.Page(FileName);
        var f = site.Format;
        var picker = site.Picker;
        var programMetrics = site.Marts.Query("SELECT * FROM fct_program_metrics WHERE period_type <> 'month'")
            .ToDictionary(r => (r.Text("period_type")!, r.Text("period")!));
        Row? MetricsOf(PeriodView view) => programMetrics.GetValueOrDefault((view.Period.Type, view.Period.Label));
        var body = new StringBuilder(picker.Control());
        body.Append(picker.Blocks(view => Headline(site, view, MetricsOf(view))));
        body.Append(RoiByQuarter(site, page));
        body.Append(picker.Blocks(view =>
            Html.Grid(CostBreakdown(site, page, view, MetricsOf(view)), Funnel(site, view, MetricsOf(view)))));
        body.Append(PartnerVsOther(site, page));
        body.Append(picker.Blocks(view => Breakdown(site, page, view, "type", "partner type") + Breakdown(site, page, view, "region", "region")));
        body.Append(changes.Section(page));
        site.SaveProgramPage(page, "program ROI", body.ToString());
    }

    private static string Headline(SiteContext site, PeriodView view, Row? metrics)
    {
        var f = site.Format;
        return Html.Section(view.Id("headline"), view.Period.Title, Html.Kpis(
        [
            Html.Kpi("sourced_revenue", "partner-sourced revenue", f.Money(metrics?.Decimal("sourced_revenue")), "won deals closed in the period, by partner credit"),
            Html.Kpi("program_cost", "program cost", f.Money(metrics?.Decimal("program_cost")), "rewards earned + other program costs"),
            Html.Kpi("roi", "ROI", Format.Ratio(metrics?.Double("roi")), $"(revenue × {Format.Rate(site.Config.Economics.GrossMargin)} margin − cost) ÷ cost"),
            Html.Kpi("partner_share_of_new_revenue", "partner share of new revenue", Format.Percent(metrics?.Double("partner_share_of_new_revenue"))),
            Html.Kpi("cost_per_qualified_referral", "cost per qualified referral", f.Money(metrics?.Decimal("cost_per_qualified_referral"))),
        ]));
    }

    private static string RoiByQuarter(SiteContext site, SitePage page)
    {
        var f = site.Format;
        var rows = site.Marts.Query("""
            SELECT period, sourced_revenue, rewards_earned, program_cost - rewards_earned AS other_costs, program_cost, roi,
                   partner_share_of_new_revenue, cost_per_qualified_referral
            FROM fct_program_metrics WHERE period_type = 'quarter' ORDER BY period
            """);
        if (rows.Count == 0) return Html.Section("roi-by-quarter", "ROI by quarter", Html.Note("No quarter has data yet."));
        var chart = Charts.Bars(rows.Select(r => r.Text("period")!).ToList(), rows.Select(r => r.Double("roi") ?? 0).ToList(), "ROI",
            v => Format.Ratio(v));
        var table = page.Table("roi-by-quarter",
            ["quarter", "partner-sourced revenue", "rewards earned", "other program costs", "program cost", "ROI", "partner share of new revenue",
                "cost per qualified referral"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                site.ReportPeriods.Shown(r.Text("period")!), f.Money(r.Decimal("sourced_revenue")), f.Money(r.Decimal("rewards_earned")), f.Money(r.Decimal("other_costs")),
                f.Money(r.Decimal("program_cost")), Format.Ratio(r.Double("roi")), Format.Percent(r.Double("partner_share_of_new_revenue")),
                f.Money(r.Decimal("cost_per_qualified_referral")),
            ]));
        return Html.Section("roi-by-quarter", "ROI by quarter", chart + table,
            "Revenue is counted when a deal closes, rewards when they are earned; a quarter marked to date has not ended yet.");
    }

    private static string CostBreakdown(SiteContext site, SitePage page, PeriodView view, Row? metrics)
    {
        var f = site.Format;
        var byType = site.Marts.Query("SELECT * FROM fct_program_reward_costs WHERE period_type = ? AND period = ? ORDER BY amount DESC, type",
            view.Period.Type, view.Period.Label);
        var rows = byType.Select(r => (IReadOnlyList<Cell>)[$"{r.Text("type")} rewards", Format.Count(r.Long("rewards")), f.Money(r.Decimal("amount"))]).ToList();
        var other = (metrics?.Decimal("program_cost") ?? 0) - (metrics?.Decimal("rewards_earned") ?? 0);
        rows.Add(["other program costs", "", f.Money(other)]);
        rows.Add(["program cost", "", f.Money(metrics?.Decimal("program_cost"))]);
        return Html.Section(view.Id("program-cost"), $"Program cost · {view.Period.Title}",
            page.Table(view.Id("program-cost"), ["cost", "rewards", "amount"], rows),
            "Rewards earned in the period that are payable (or capped); withheld rewards cost nothing until released. " +
            "Other program costs come from program_costs in the configuration" +
            (view.Period.Type == ReportPeriod.TrailingType ? "; a cost of a longer period counts by its days inside the twelve months." : "."));
    }

    private static string Funnel(SiteContext site, PeriodView view, Row? metrics)
    {
        var steps = new (string Metric, string Label)[] { ("referrals", "referrals"), ("accepted", "accepted"), ("qualified", "qualified"), ("won", "won") };
        var counts = steps.Select(s => metrics?.Long(s.Metric) ?? 0).ToList();
        var chart = Charts.Bars(steps.Select(s => s.Label).ToList(), counts.Select(c => (double)c).ToList(), "referrals",
            v => Format.Count((long)v), width: 520, height: 260, integerTicks: true);
        var kpis = Html.Kpis(steps.Select((s, i) => Html.Kpi("funnel_" + s.Metric, s.Label, Format.Count(counts[i]),
            i == 0 ? null : Format.Percent(counts[0] == 0 ? null : (double)counts[i] / counts[0]) + " of referrals")));
        return Html.Section(view.Id("funnel"), $"Funnel · {view.Period.Title}", kpis + chart,
            "Every step counts referrals submitted in the period, so won here is by submission period, while revenue above is " +
            "by close period: a deal won in the period from an earlier referral adds revenue but not a won referral.");
    }

    private static string PartnerVsOther(SiteContext site, SitePage page)
    {
        var f = site.Format;
        var rows = site.Marts.Query("""
            SELECT * FROM fct_leadership_comparisons WHERE period_type = 'year' ORDER BY period DESC, segment DESC
            """);
        var table = page.Table("partner-vs-other",
            ["year", "deals", "closed", "won", "win rate", "95 % interval", "median days to close", "avg deal size", "95 % interval"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                site.ReportPeriods.Shown(r.Text("period")!), r.Text("segment") == "partner_sourced" ? "partner-sourced" : "all other", Format.Count(r.Long("closed")),
                Format.Count(r.Long("won")), Format.Percent(r.Double("win_rate")),
                $"{Format.Percent(r.Double("win_rate_lo"))} – {Format.Percent(r.Double("win_rate_hi"))}", Format.Days(r.Double("median_days_to_close")),
                f.Money(r.Decimal("avg_deal_size")), $"{f.Money(r.Decimal("avg_deal_size_lo"))} – {f.Money(r.Decimal("avg_deal_size_hi"))}",
            ]), numericFrom: 2);
        return Html.Section("partner-vs-other", "Partner-sourced deals against all other deals", table,
            "Closed opportunities by close year. Partner-sourced = attributed directly or co-referred. Win-rate intervals are Wilson " +
            "intervals, deal-size intervals bootstrap intervals (fixed seed); intervals that overlap mean the difference may be chance.");
    }

    private static string Breakdown(SiteContext site, SitePage page, PeriodView view, string column, string label)
    {
        var f = site.Format;
        var rows = site.Marts.Query("""
            SELECT * FROM fct_partner_segments WHERE period_type = ? AND period = ? AND dimension = ? ORDER BY sourced_revenue DESC, segment
            """, view.Period.Type, view.Period.Label, column);
        var table = page.Table(view.Id("by-" + column),
            [label, "partners", "referrals", "qualified", "qualified rate", "won", "partner-sourced revenue", "rewards earned"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("segment")!, Format.Count(r.Long("partners")), Format.Count(r.Long("referrals")), Format.Count(r.Long("qualified")),
                Format.Percent(r.Double("qualified_rate")), Format.Count(r.Long("won")),
                f.Money(r.Decimal("sourced_revenue")), f.Money(r.Decimal("rewards_earned")),
            ]));
        return Html.Section(view.Id("by-" + column), $"By {label} · {view.Period.Title}", table);
    }
}

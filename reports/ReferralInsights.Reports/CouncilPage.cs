using System.Text;

namespace ReferralInsights.Reports;

/// <summary><c>council.html</c>, the partner advisory council's pack: program trends, how partner performance is spread,
/// attribution and dispute statistics, where qualified rates drop, and peer groups by partner type. Anonymised: no
/// partner is named or identifiable.</summary>
internal static class CouncilPage
{
    public const string FileName = "council.html";

    public static void Write(SiteContext site)
    {
        var page = site.Page(FileName);
        var picker = site.Picker;
        var body = new StringBuilder(picker.Control());
        body.Append(Trends(site, page));
        body.Append(picker.Blocks(view => Distribution(site, page, view) + PeerGroups(site, page, view) + Gaps(site, page, view)));
        body.Append(Html.Grid(Attribution(site, page), Disputes(site, page)));
        site.SaveProgramPage(page, "advisory council pack", body.ToString());
    }

    private static string Trends(SiteContext site, SitePage page)
    {
        var f = site.Format;
        var rows = site.Marts.Query("SELECT * FROM fct_program_metrics WHERE period_type = 'quarter' ORDER BY period");
        var chart = rows.Count == 0 ? "" : Charts.Bars(rows.Select(r => r.Text("period")!).ToList(), rows.Select(r => (double)r.Long("referrals")).ToList(),
            "referrals", v => Format.Count((long)v), height: 260, integerTicks: true);
        var table = page.Table("program-trends",
            ["quarter", "referrals", "qualified rate", "conversion rate", "won", "partner-sourced revenue", "avg deal size", "median days to close"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                site.ReportPeriods.Shown(r.Text("period")!), Format.Count(r.Long("referrals")), Format.Percent(r.Double("qualified_rate")), Format.Percent(r.Double("conversion_rate")),
                Format.Count(r.Long("won")), f.Money(r.Decimal("sourced_revenue")), f.Money(r.Decimal("avg_deal_size")), Format.Days(r.Double("median_days_to_close")),
            ]));
        return Html.Section("program-trends", "Program trends by quarter", chart + table,
            "Referrals, rates and won by submission quarter; revenue, deal size and days to close by close quarter. A quarter marked to date has not ended yet.");
    }

    private static string Distribution(SiteContext site, SitePage page, PeriodView view)
    {
        var f = site.Format;
        var quartiles = site.Marts.Query("SELECT * FROM fct_partner_distribution WHERE period_type = ? AND period = ?", view.Period.Type, view.Period.Label)
            .ToDictionary(r => r.Text("measure")!);
        double?[] Quartiles(string measure) => quartiles.GetValueOrDefault(measure) is { } r
            ? [r.Double("lower_quartile"), r.Double("median"), r.Double("upper_quartile")] : [null, null, null];
        var partners = quartiles.Values.FirstOrDefault()?.Long("partners") ?? 0;
        IReadOnlyList<Cell> Line(string label, string column, Func<double?, Cell> format) => [label, ..Quartiles(column).Select(format)];
        var table = page.Table(view.Id("partner-distribution"), ["measure", "lower quartile", "median partner", "upper quartile"],
        [
            Line("referrals", "referrals", v => v is { } d ? d.ToString("#,##0.#", System.Globalization.CultureInfo.InvariantCulture) : "–"),
            Line("qualified rate", "qualified_rate", v => Format.Percent(v)),
            Line("conversion rate", "conversion_rate", v => Format.Percent(v)),
            Line("partner-sourced revenue", "sourced_revenue", v => f.Money(v is { } d ? (decimal)d : null)),
            Line("median days to close", "median_days_to_close", v => Format.Days(v)),
        ]);
        var rates = site.Marts.Query("SELECT * FROM fct_partner_rate_buckets WHERE period_type = ? AND period = ? ORDER BY bucket",
            view.Period.Type, view.Period.Label);
        var counts = Enumerable.Range(0, 10).Select(b => (double)(rates.FirstOrDefault(r => r.Long("bucket") == b)?.Long("partners") ?? 0)).ToList();
        var chart = Charts.Bars(Enumerable.Range(0, 10).Select(b => $"{b * 10}–{b * 10 + 10} %").ToList(), counts, "partners",
            v => Format.Count((long)v), height: 260, integerTicks: true);
        return Html.Section(view.Id("partner-distribution"), $"How partner performance is spread · {view.Period.Title}",
            Html.Kpis([Html.Kpi("active_partners", "partners with activity", Format.Count(partners))]) +
            Html.Subheading("Partners by qualified rate") + chart + table,
            "Quartiles over the partners with referrals, deals, open pipeline or rewards in the period; a quarter of partners are below the lower quartile.");
    }

    private static string PeerGroups(SiteContext site, SitePage page, PeriodView view)
    {
        var f = site.Format;
        var rows = site.Marts.Query("SELECT * FROM fct_peer_groups WHERE period_type = ? AND period = ? ORDER BY sourced_revenue DESC, partner_type",
            view.Period.Type, view.Period.Label);
        var table = page.Table(view.Id("peer-groups"),
            ["partner type", "partners", "referrals", "median referrals per partner", "median qualified rate", "median conversion rate",
                "median avg deal size", "partner-sourced revenue"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("partner_type")!, Format.Count(r.Long("partners")), Format.Count(r.Long("referrals")),
                (r.Double("median_referrals") ?? 0).ToString("#,##0.#", System.Globalization.CultureInfo.InvariantCulture),
                Format.Percent(r.Double("median_qualified_rate")), Format.Percent(r.Double("median_conversion_rate")),
                f.Money(r.Decimal("median_avg_deal_size")), f.Money(r.Decimal("sourced_revenue")),
            ]));
        return Html.Section(view.Id("peer-groups"), $"Peer groups by partner type · {view.Period.Title}", table,
            "Medians describe the typical partner of each type; no partner is named.");
    }

    private static string Gaps(SiteContext site, SitePage page, PeriodView view)
    {
        var title = $"Top enablement gaps: where qualified rates drop · {view.Period.Title}";
        var spans = site.Marts.Query("SELECT * FROM fct_enablement_gap_spans WHERE period_type = ? AND period = ?", view.Period.Type, view.Period.Label);
        var span = GapComparison.Of(view.Period, spans.SingleOrDefault());
        if (span is null)
            return Html.Section(view.Id("enablement-gaps"), title,
                Html.Note("No whole month of this period has ended yet, so there is nothing to compare like for like."));
        var rows = site.Marts.Query("SELECT * FROM fct_enablement_gaps WHERE period_type = ? AND period = ? ORDER BY rank",
            view.Period.Type, view.Period.Label);
        var table = page.Table(view.Id("enablement-gaps"),
            ["partner type", "region", $"referrals {span.Before.Name}", $"qualified rate {span.Before.Name}", $"referrals {span.Now.Name}",
                $"qualified rate {span.Now.Name}", "change"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("partner_type")!, r.Text("region")!, Format.Count(r.Long("before_referrals")), Format.Percent(r.Double("before_rate")),
                Format.Count(r.Long("now_referrals")), Format.Percent(r.Double("now_rate")),
                "−" + ((r.Double("before_rate")! - r.Double("now_rate")!) * 100).Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " pts",
            ]), numericFrom: 2);
        return Html.Section(view.Id("enablement-gaps"), title, table,
            $"Partner type × region segments whose qualified rate fell most from {span.Before.Name} to {span.Now.Name}, by submission month, " +
            $"among segments with at least {span.MinReferrals} referrals in both. {span.Explanation} Referrals of the last weeks may still qualify.");
    }

    private static string Attribution(SiteContext site, SitePage page)
    {
        var f = site.Format;
        var rows = site.Marts.Query("SELECT * FROM fct_attribution_summary ORDER BY opportunities DESC, attribution_class");
        var table = page.Table("attribution", ["attribution", "opportunities", "won", "won revenue"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("attribution_class")!.Replace('_', ' '), Format.Count(r.Long("opportunities")), Format.Count(r.Long("won")),
                f.Money(r.Decimal("won_revenue")),
            ]));
        return Html.Section("attribution", "Attribution", table,
            "Every opportunity by how partners touched it: direct (one sourcing partner), co-referral (several; shared by the reward " +
            "model), assisted (partners helped but did not source), unattributed.");
    }

    private static string Disputes(SiteContext site, SitePage page)
    {
        var rows = site.Marts.Query("SELECT * FROM fct_dispute_stats WHERE period_type = 'year' ORDER BY period DESC");
        var table = page.Table("disputes", ["year", "opened", "resolved", "rejected", "median days to resolve", "resolved for the claimant"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                site.ReportPeriods.Shown(r.Text("period")!), Format.Count(r.Long("opened")), Format.Count(r.Long("resolved")), Format.Count(r.Long("rejected")),
                Format.Days(r.Double("median_days_to_resolve")), Format.Percent(r.Double("claimant_favour_share")),
            ]));
        return Html.Section("disputes", "Disputes", table, "Attribution disputes by the year they were opened.");
    }
}

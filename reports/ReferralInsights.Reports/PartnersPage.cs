namespace ReferralInsights.Reports;

/// <summary><c>partners.html</c>: every partner with data and its headline numbers for the fiscal year and quarter (open
/// pipeline at the period's end, or as_of for the current one), each linking to the partner's scorecard; then every
/// partner's link campaigns this fiscal year, and the newest referrals with their lead scores and why.</summary>
internal static class PartnersPage
{
    public const string FileName = "partners.html";
    private static readonly string[] Headline = ["referrals", "qualified rate", "conversion rate", "partner-sourced revenue", "avg deal size", "median days to close", "open pipeline"];

    public static void Write(SiteContext site)
    {
        var page = site.Page(FileName);
        var f = site.Format;
        var rows = site.Marts.Query("""
            WITH m AS (SELECT * FROM fct_partner_metrics WHERE (period_type = 'year' AND period = ?) OR (period_type = 'quarter' AND period = ?))
            SELECT p.partner_id, p.name, p.type, p.region, p.tier, p.status,
                   y.referrals AS y_referrals, y.qualified_rate AS y_qualified_rate, y.conversion_rate AS y_conversion_rate,
                   y.sourced_revenue AS y_sourced_revenue, y.avg_deal_size AS y_avg_deal_size, y.median_days_to_close AS y_median_days, y.open_pipeline AS y_open_pipeline,
                   q.referrals AS q_referrals, q.qualified_rate AS q_qualified_rate, q.conversion_rate AS q_conversion_rate,
                   q.sourced_revenue AS q_sourced_revenue, q.avg_deal_size AS q_avg_deal_size, q.median_days_to_close AS q_median_days, q.open_pipeline AS q_open_pipeline
            FROM dim_partners AS p
            LEFT JOIN m AS y ON y.partner_id = p.partner_id AND y.period_type = 'year'
            LEFT JOIN m AS q ON q.partner_id = p.partner_id AND q.period_type = 'quarter'
            WHERE EXISTS (SELECT 1 FROM fct_partner_metrics AS a WHERE a.partner_id = p.partner_id)
            ORDER BY coalesce(y.sourced_revenue, 0) DESC, p.partner_id
            """, site.Year, site.Quarter);
        IEnumerable<Cell> Numbers(Row r, string p) =>
        [
            Format.Count(r.Long($"{p}_referrals")), Format.Percent(r.Double($"{p}_qualified_rate")), Format.Percent(r.Double($"{p}_conversion_rate")),
            f.Money(r.Decimal($"{p}_sourced_revenue")), f.Money(r.Decimal($"{p}_avg_deal_size")), Format.Days(r.Double($"{p}_median_days")),
            f.Money(r.Decimal($"{p}_open_pipeline")),
        ];
        var headers = new List<string> { "partner", "id", "type", "region", "tier", "status" };
        headers.AddRange(Headline.Select(h => $"{site.Year} {h}"));
        headers.AddRange(Headline.Select(h => $"{site.Quarter} {h}"));
        var table = page.Table("partners", headers,
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("name") ?? r.Text("partner_id")!, r.Text("partner_id")!, r.Text("type") ?? "", r.Text("region") ?? "", r.Text("tier") ?? "",
                r.Text("status") ?? "", ..Numbers(r, "y"), ..Numbers(r, "q"),
            ]), numericFrom: 6, firstCellLinks: rows.Select(r => (string?)ScorecardPages.PathOf(r.Text("partner_id")!)).ToList());
        var names = rows.ToDictionary(r => r.Text("partner_id")!, r => r.Text("name") ?? r.Text("partner_id")!);
        site.SaveProgramPage(page, "partners", Html.Section("partner-table",
            $"Partners with activity ({Format.Count(rows.Count)}), fiscal year {site.Year} and quarter {site.Quarter} to date", table,
            "Ordered by partner-sourced revenue this year. A partner's name opens the scorecard that can be sent to that partner.") +
            Campaigns(site, page, names) + Referrals(site, page, names));
    }

    private static string Campaigns(SiteContext site, SitePage page, IReadOnlyDictionary<string, string> names)
    {
        var rows = site.Marts.Query(
            "SELECT * FROM fct_partner_campaigns WHERE period = ? ORDER BY converted_visitors DESC, clicks DESC, partner_id, campaign", site.Year);
        var table = page.Table("partner-campaigns", ["partner", "id", "campaign", "clicks", "visitors", "converted", "conversion rate"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                names.GetValueOrDefault(r.Text("partner_id")!, r.Text("partner_id")!), r.Text("partner_id")!, r.Text("campaign")!,
                Format.Count(r.Long("clicks")), Format.Count(r.Long("visitors")), Format.Count(r.Long("converted_visitors")),
                Format.Percent(r.Double("conversion_rate")),
            ]), numericFrom: 3, show: 50);
        return Html.Section("partner-campaigns", $"Link campaigns, {site.Year}", table,
            "Most conversions first. The campaign is the click's utm_campaign, else the link's; bursts of clicks from one address are left out.");
    }

    private static string Referrals(SiteContext site, SitePage page, IReadOnlyDictionary<string, string> names)
    {
        var rows = site.Marts.Query("SELECT * FROM fct_partner_referrals ORDER BY submitted_at DESC, referral_id");
        var table = page.Table("referral-scores", ["partner", "referral", "submitted", "status", "deal stage", "lead score", "why this score"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                names.GetValueOrDefault(r.Text("partner_id")!, r.Text("partner_id")!), r.Text("referral_id")!, ReferralText.Submitted(r),
                ReferralText.Status(r), ReferralText.DealStage(r), ReferralText.Score(r), r.Text("top_factors") ?? "",
            ]), numericFrom: 5, numericTo: 6, show: 50);
        return Html.Section("referral-scores", "Newest referrals", table,
            "Every referral is in the CSV. Why this score: the lead model's largest factors for that referral.");
    }
}

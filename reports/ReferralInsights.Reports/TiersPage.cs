namespace ReferralInsights.Reports;

/// <summary><c>tiers.html</c>: the tier review on the trailing twelve months: who moves up or down and why.</summary>
internal static class TiersPage
{
    public const string FileName = "tiers.html";

    public static void Write(SiteContext site)
    {
        var page = site.Page(FileName);
        var f = site.Format;
        var rows = site.Marts.Query("""
            SELECT t.*, p.name, p.type FROM tier_recommendations AS t LEFT JOIN dim_partners AS p USING (partner_id)
            ORDER BY CASE t.move WHEN 'up' THEN 0 WHEN 'down' THEN 1 ELSE 2 END, t.trailing_sourced_revenue DESC, t.partner_id
            """);
        long Moves(string move) => rows.Count(r => r.Text("move") == move);
        var kpis = Html.Kpis(
        [
            Html.Kpi("tier_up", "move up", Format.Count(Moves("up"))),
            Html.Kpi("tier_down", "move down", Format.Count(Moves("down"))),
            Html.Kpi("tier_keep", "keep their tier", Format.Count(Moves("keep"))),
        ]);
        var byTier = page.Table("tier-counts", ["tier", "partners now", "partners recommended"],
            site.Config.Rewards.Tiers.Select(t => (IReadOnlyList<Cell>)
            [
                t.Name, Format.Count(rows.Count(r => r.Text("assigned_tier") == t.Name)), Format.Count(rows.Count(r => r.Text("recommended_tier") == t.Name)),
            ]));
        var table = page.Table("tier-recommendations",
            ["partner", "id", "type", "current tier", "recommended", "move", "revenue, trailing 12 months", "qualified, trailing 12 months", "why"],
            rows.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("name") ?? r.Text("partner_id")!, r.Text("partner_id")!, r.Text("type") ?? "", r.Text("assigned_tier") ?? "",
                r.Text("recommended_tier") ?? "", r.Text("move")!, f.Money(r.Decimal("trailing_sourced_revenue")), Format.Count(r.Long("trailing_qualified")),
                r.Text("reason") ?? "",
            ]), numericFrom: 6, numericTo: 8, firstCellLinks: rows.Select(r => (string?)ScorecardPages.PathOf(r.Text("partner_id")!)).ToList());
        var body = Html.Section("tier-summary", "Tier review", kpis + byTier,
                       $"Thresholds are met on the twelve months to {Format.Date(site.AsOf)}; the highest tier whose two thresholds are both met is recommended.") +
                   Html.Section("tier-recommendations", "Recommendations: moves first", table);
        site.SaveProgramPage(page, "tier recommendations", body);
    }
}

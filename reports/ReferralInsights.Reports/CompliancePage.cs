namespace ReferralInsights.Reports;

/// <summary><c>compliance.html</c>: the compliance flags by rule, the review flags waiting for a program owner's decision
/// (oldest first, with what they hold), the decisions taken, and every flag one by one.</summary>
internal static class CompliancePage
{
    public const string FileName = "compliance.html";

    public static void Write(SiteContext site)
    {
        var page = site.Page(FileName);
        var summary = site.Marts.Query("""
            SELECT * FROM fct_compliance_summary
            ORDER BY CASE severity WHEN 'block' THEN 0 WHEN 'review' THEN 1 ELSE 2 END, flags DESC, rule
            """);
        var flags = site.Marts.Query("""
            SELECT c.*, p.name FROM fct_compliance_flags AS c LEFT JOIN dim_partners AS p USING (partner_id)
            ORDER BY CASE c.severity WHEN 'block' THEN 0 WHEN 'review' THEN 1 ELSE 2 END, c.rule, c.flag_id
            """);
        var waiting = flags.Where(r => r.Text("review_status") == "waiting")
            .OrderByDescending(r => r.Long("days_waiting")).ThenBy(r => r.Text("flag_id"), StringComparer.Ordinal).ToList();
        var decided = flags.Where(r => r.Text("review_status") is "cleared" or "upheld")
            .OrderByDescending(r => (DateTime)r["decided_at"]!).ThenBy(r => r.Text("flag_id"), StringComparer.Ordinal).ToList();
        long Count(string severity) => summary.Where(r => r.Text("severity") == severity).Sum(r => r.Long("flags"));
        var format = site.Format;
        var kpis = Html.Kpis(
        [
            Html.Kpi("flags_block", "block", Format.Count(Count("block")), "rewards never paid"),
            Html.Kpi("flags_review", "review", Format.Count(Count("review")), "rewards held until reviewed"),
            Html.Kpi("flags_info", "info", Format.Count(Count("info"))),
            Html.Kpi("reviews_waiting", "waiting for review", Format.Count(waiting.Count),
                waiting.Count == 0 ? "nothing to decide" : $"oldest {Format.Days(waiting[0].Long("days_waiting")).Shown}"),
            Html.Kpi("held_for_review", "held for review", format.MoneyCents(waiting.Sum(r => r.Decimal("withheld_amount") ?? 0)),
                "released when a review clears its flag"),
        ]);
        var waitingTable = page.Table("reviews-waiting", ["partner", "flag", "rule", "raised", "waiting", "rewards held", "amount held", "detail"],
            waiting.Select(r => (IReadOnlyList<Cell>)
            [
                PartnerName(r), r.Text("flag_id")!, r.Text("rule")!.Replace('_', ' '), Day(r["raised_at"]),
                Format.Days(r.Long("days_waiting")), Format.Count(r.Long("withheld_rewards")), format.MoneyCents(r.Decimal("withheld_amount")),
                r.Text("detail") ?? "",
            ]), numericFrom: 4, numericTo: 7, show: 200);
        var decidedTable = page.Table("reviews-decided", ["partner", "flag", "decision", "by", "on", "why", "rewards released", "amount released"],
            decided.Select(r => (IReadOnlyList<Cell>)
            [
                PartnerName(r), r.Text("flag_id")!, r.Text("review_status")!, r.Text("decided_by")!, Day(r["decided_at"]),
                r.Text("decision_note") ?? "", Format.Count(r.Long("released_rewards")), format.MoneyCents(r.Decimal("released_amount")),
            ]), numericFrom: 6, show: 200);
        var body = Html.Section("compliance-summary", "Flags by rule", kpis + page.Table("compliance-summary", ["rule", "severity", "flags", "partners"],
                       summary.Select(r => (IReadOnlyList<Cell>)
                           [r.Text("rule")!.Replace('_', ' '), r.Text("severity")!, Format.Count(r.Long("flags")), Format.Count(r.Long("partners"))]),
                       numericFrom: 2)) +
                   Html.Section("reviews-waiting", "Waiting for review", waitingTable,
                       "Review flags hold the rewards they cover until a program owner decides. Record a decision in the review decisions file " +
                       "(compliance.review_decisions); the next run releases what a cleared flag held.") +
                   Html.Section("reviews-decided", "Review decisions", decidedTable) +
                   Html.Section("compliance-flags", "Every flag", page.Table("compliance-flags", ["partner", "id", "rule", "severity", "referral", "opportunity", "detail"],
                       flags.Select(r => (IReadOnlyList<Cell>)
                       [
                           PartnerName(r), r.Text("partner_id") ?? "", r.Text("rule")!.Replace('_', ' '), r.Text("severity")!,
                           r.Text("referral_id") ?? "", r.Text("opportunity_id") ?? "", r.Text("detail") ?? "",
                       ]), numericFrom: 7, show: 200));
        site.SaveProgramPage(page, "compliance", body);
    }

    private static string PartnerName(Row r) => r.Text("name") ?? r.Text("partner_id") ?? "";

    private static string Day(object? instant) => Format.Date(DateOnly.FromDateTime((DateTime)instant!));
}

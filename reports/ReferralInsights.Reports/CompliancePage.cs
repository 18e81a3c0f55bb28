namespace ReferralInsights.Reports;

/// <summary><c>compliance.html</c>: the compliance flags, by rule and one by one.</summary>
public static class CompliancePage
{
    public const string FileName = "compliance.html";

    public static void Write(SiteContext site)
    {
        var page = site.Page(FileName);
        var summary = site.Marts.Query("""
            SELECT * FROM (SELECT rule, severity, count(*) AS flags, count(DISTINCT partner_id) AS partners FROM fct_compliance_flags GROUP BY ALL)
            ORDER BY CASE severity WHEN 'block' THEN 0 WHEN 'review' THEN 1 ELSE 2 END, flags DESC, rule
            """);
        var flags = site.Marts.Query("""
            SELECT c.*, p.name FROM fct_compliance_flags AS c LEFT JOIN dim_partners AS p USING (partner_id)
            ORDER BY CASE c.severity WHEN 'block' THEN 0 WHEN 'review' THEN 1 ELSE 2 END, c.rule, c.flag_id
            """);
        long Count(string severity) => summary.Where(r => r.Text("severity") == severity).Sum(r => r.Long("flags"));
        var kpis = Html.Kpis(
        [
            Html.Kpi("flags_block", "block", Format.Count(Count("block")), "rewards never paid"),
            Html.Kpi("flags_review", "review", Format.Count(Count("review")), "rewards held until reviewed"),
            Html.Kpi("flags_info", "info", Format.Count(Count("info"))),
        ]);
        var body = Html.Section("compliance-summary", "Flags by rule", kpis + page.Table("compliance-summary", ["rule", "severity", "flags", "partners"],
                       summary.Select(r => (IReadOnlyList<Cell>)
                           [r.Text("rule")!.Replace('_', ' '), r.Text("severity")!, Format.Count(r.Long("flags")), Format.Count(r.Long("partners"))]),
                       numericFrom: 2)) +
                   Html.Section("compliance-flags", "Every flag", page.Table("compliance-flags", ["partner", "id", "rule", "severity", "referral", "opportunity", "detail"],
                       flags.Select(r => (IReadOnlyList<Cell>)
                       [
                           r.Text("name") ?? r.Text("partner_id") ?? "", r.Text("partner_id") ?? "", r.Text("rule")!.Replace('_', ' '), r.Text("severity")!,
                           r.Text("referral_id") ?? "", r.Text("opportunity_id") ?? "", r.Text("detail") ?? "",
                       ]), numericFrom: 7, show: 200));
        site.SaveProgramPage(page, "compliance", body);
    }
}

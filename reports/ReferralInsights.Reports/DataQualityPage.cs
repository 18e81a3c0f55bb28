namespace ReferralInsights.Reports;

/// <summary><c>data-quality.html</c>: the data-quality findings of the run, by check and one by one, and every check the
/// run makes with what a finding of it means.</summary>
internal static class DataQualityPage
{
    public const string FileName = "data-quality.html";

    public static void Write(SiteContext site)
    {
        var page = site.Page(FileName);
        var summary = site.Marts.Query("""
            SELECT * FROM fct_data_quality_summary
            ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, findings DESC, "check"
            """);
        var findings = site.Marts.Query("""
            SELECT * FROM fct_data_quality
            ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, "check", entity, entity_id
            """);
        var checks = site.Marts.Query("""
            SELECT * FROM fct_data_quality_checks
            ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, "check"
            """);
        long Count(string severity) => summary.Where(r => r.Text("severity") == severity).Sum(r => r.Long("findings"));
        var kpis = Html.Kpis(
        [
            Html.Kpi("dq_errors", "errors", Format.Count(Count("error"))),
            Html.Kpi("dq_warnings", "warnings", Format.Count(Count("warning"))),
            Html.Kpi("dq_findings", "findings", Format.Count(findings.Count)),
        ]);
        var body = Html.Section("dq-summary", "Findings by check", kpis + page.Table("dq-summary", ["check", "severity", "entity", "findings"],
                       summary.Select(r => (IReadOnlyList<Cell>)[r.Text("check")!, r.Text("severity")!, r.Text("entity") ?? "", Format.Count(r.Long("findings"))]),
                       numericFrom: 3), "Errors leave a number out (e.g. a won deal without an amount); warnings may make one less certain.") +
                   Html.Section("dq-checks", "Every check", page.Table("dq-checks", ["check", "severity", "what a finding means", "findings"],
                       checks.Select(r => (IReadOnlyList<Cell>)[r.Text("check")!, r.Text("severity")!, r.Text("meaning")!, Format.Count(r.Long("findings"))]),
                       numericFrom: 3), "A check with no findings passed.") +
                   Html.Section("dq-findings", "Every finding", page.Table("dq-findings", ["check", "severity", "entity", "id", "detail"],
                       findings.Select(r => (IReadOnlyList<Cell>)
                           [r.Text("check")!, r.Text("severity")!, r.Text("entity") ?? "", r.Text("entity_id") ?? "", r.Text("detail") ?? ""]),
                       numericFrom: 5, show: 200));
        site.SaveProgramPage(page, "data quality", body);
    }
}

namespace ReferralInsights.Reports;

/// <summary><c>reconciliation.html</c>: rewards due against payouts made, by status, by partner and line by line.</summary>
internal static class ReconciliationPage
{
    public const string FileName = "reconciliation.html";

    public static void Write(SiteContext site)
    {
        var page = site.Page(FileName);
        var f = site.Format;
        var byStatus = site.Marts.Query("""
            SELECT * FROM fct_reconciliation_status ORDER BY CASE status WHEN 'matched' THEN 1 ELSE 0 END, abs(difference) DESC, status
            """);
        decimal? Total(string column) => byStatus.Any(r => r[column] is not null) ? byStatus.Sum(r => r.Decimal(column) ?? 0) : null;
        var kpis = Html.Kpis(
        [
            Html.Kpi("reconciliation_expected", "due", f.MoneyCents(Total("expected"))),
            Html.Kpi("reconciliation_paid", "paid", f.MoneyCents(Total("paid"))),
            Html.Kpi("reconciliation_difference", "difference", f.MoneyCents(Total("difference"))),
            Html.Kpi("reconciliation_issues", "lines to settle", Format.Count(byStatus.Where(r => r.Text("status") != "matched").Sum(r => r.Long("lines")))),
        ]);
        var statusTable = page.Table("by-status", ["status", "lines", "due", "paid", "difference"],
            byStatus.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("status")!.Replace('_', ' '), Format.Count(r.Long("lines")), f.MoneyCents(r.Decimal("expected")), f.MoneyCents(r.Decimal("paid")),
                f.MoneyCents(r.Decimal("difference")),
            ]));
        var partners = site.Marts.Query("""
            SELECT t.*, p.name FROM fct_reconciliation_partner_totals AS t LEFT JOIN dim_partners AS p USING (partner_id)
            WHERE t.difference <> 0 OR t.matched < t.matched + t.underpaid + t.overpaid + t.unpaid + t.duplicate_payment + t.paid_but_withheld + t.orphan_payment
            ORDER BY abs(t.difference) DESC, t.partner_id
            """);
        var partnerTable = page.Table("partners-to-settle", ["partner", "id", "due", "paid", "difference", "unpaid", "underpaid", "overpaid", "duplicate", "paid but withheld", "orphan"],
            partners.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("name") ?? r.Text("partner_id") ?? "(unknown)", r.Text("partner_id") ?? "", f.MoneyCents(r.Decimal("expected")),
                f.MoneyCents(r.Decimal("paid")), f.MoneyCents(r.Decimal("difference")), Format.Count(r.Long("unpaid")), Format.Count(r.Long("underpaid")),
                Format.Count(r.Long("overpaid")), Format.Count(r.Long("duplicate_payment")), Format.Count(r.Long("paid_but_withheld")),
                Format.Count(r.Long("orphan_payment")),
            ]), numericFrom: 2, show: 100);
        var lines = site.Marts.Query("""
            SELECT * FROM fct_reconciliation WHERE status <> 'matched' ORDER BY abs(difference) DESC, reward_id NULLS LAST, partner_id
            """);
        var lineTable = page.Table("lines-to-settle", ["reward", "partner", "status", "payouts", "due", "paid", "difference"],
            lines.Select(r => (IReadOnlyList<Cell>)
            [
                r.Text("reward_id") ?? "(no reward)", r.Text("partner_id") ?? "", r.Text("status")!.Replace('_', ' '),
                r["payout_ids"] is System.Collections.IList ids ? string.Join(" ", ids.Cast<object>()) : "",
                f.MoneyCents(r.Decimal("expected")), f.MoneyCents(r.Decimal("paid")), f.MoneyCents(r.Decimal("difference")),
            ]), numericFrom: 4, show: 200);
        var body = Html.Section("reconciliation", "Rewards due against payouts", kpis + statusTable,
                       $"Payable and capped rewards are due {Format.Count(site.Config.Reconciliation.PaymentLagDays)} days after they are earned; " +
                       "every payout line is in exactly one row. Difference = paid − due.") +
                   Html.Section("partners-to-settle", "Partners to settle", partnerTable) +
                   Html.Section("lines-to-settle", "Lines to settle", lineTable);
        site.SaveProgramPage(page, "reconciliation", body);
    }
}

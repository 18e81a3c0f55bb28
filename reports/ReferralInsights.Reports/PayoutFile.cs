using System.Globalization;

namespace ReferralInsights.Reports;

/// <summary>What <see cref="PayoutFile.Write"/> wrote.</summary>
public sealed record PayoutFileSummary(int Rewards, int Partners, decimal Total);

/// <summary>
/// The payout file for finance: the payable and capped rewards earned in a period (clawbacks as negative lines) that no
/// payout line has paid yet (per fct_reconciliation; rewards paid wrongly are settled from the reconciliation, not
/// paid again), as CSV, one line per reward (<c>line = reward</c>) and a total after each partner's lines
/// (<c>line = partner_total</c>). Money in the program currency, two decimals; instants ISO-8601 UTC.
/// </summary>
public static class PayoutFile
{
    private static readonly string[] Header =
        ["line", "partner_id", "partner_name", "reward_id", "type", "referral_id", "opportunity_id", "tier", "earned_at", "status", "amount"];

    public static PayoutFileSummary Write(MartReader marts, DateTime start, DateTime end, TextWriter output)
    {
        var rows = marts.Query("""
            SELECT r.partner_id, p.name AS partner_name, r.reward_id, r.type, r.referral_id, r.opportunity_id, r.tier, r.earned_at,
                   r.status, r.amount
            FROM fct_rewards AS r
            LEFT JOIN dim_partners AS p USING (partner_id)
            WHERE r.status IN ('payable', 'capped') AND r.earned_at >= ? AND r.earned_at < ?
              AND NOT EXISTS (SELECT 1 FROM fct_reconciliation AS c WHERE c.reward_id = r.reward_id AND len(c.payout_ids) > 0)
            ORDER BY r.partner_id, r.earned_at, r.reward_id
            """, start, end);
        using var csv = new Csv(output);
        csv.Row(Header);
        var total = 0m;
        foreach (var partner in rows.GroupBy(r => r.Text("partner_id")!))
        {
            foreach (var r in partner)
                csv.Row(["reward", r.Text("partner_id"), r.Text("partner_name"), r.Text("reward_id"), r.Text("type"),
                    r.Text("referral_id"), r.Text("opportunity_id"), r.Text("tier"),
                    ((DateTime)r["earned_at"]!).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), r.Text("status"),
                    Money(r.Decimal("amount")!.Value)]);
            var sum = partner.Sum(r => r.Decimal("amount")!.Value);
            total += sum;
            csv.Row(["partner_total", partner.Key, partner.First().Text("partner_name"), "", "", "", "", "", "", "", Money(sum)]);
        }
        return new PayoutFileSummary(rows.Count, rows.Select(r => r.Text("partner_id")).Distinct().Count(), total);
    }

    private static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}

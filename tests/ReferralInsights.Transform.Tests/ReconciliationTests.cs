using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §10 reconciliation (D4, D11, D59, D60): every status, the due cut-off, payouts in another
/// currency, and the per-partner totals. as_of 2025-12-31 with a 30-day lag: due ⇔ earned on or before 2025-12-01.
/// Every reward is a Registered upfront of 50.00.</summary>
public class ReconciliationTests
{
    private static TestWarehouse Program()
    {
        var w = new TestWarehouse().WithExampleRewards();
        w.Partner("P1", signed: Signed).Partner("P2").Partner("P3", signed: Signed);   // P2 unsigned: its rewards are withheld
        void Upfront(string referral, string partner, string decided) =>
            w.Referral(referral, partner, decided, "Company " + referral, status: "accepted", decided: decided);
        Upfront("R1", "P1", "2025-03-01"); Upfront("R2", "P1", "2025-03-02"); Upfront("R3", "P1", "2025-03-03");
        Upfront("R4", "P1", "2025-03-04"); Upfront("R5", "P1", "2025-03-05"); Upfront("R6", "P2", "2025-03-06");
        Upfront("R10", "P1", "2025-12-15"); Upfront("R11", "P1", "2025-12-10"); Upfront("R12", "P1", "2025-12-01");
        Upfront("R13", "P3", "2025-03-07");
        // EUR converts at paid_at (D11): 46.30 × 1.08 = 50.004 → 50.00; the April rate does not apply yet
        w.FxRate("EUR", 1.08m, "2025-01-01").FxRate("EUR", 1.20m, "2025-04-01")
         .Payout("PAY1", "P1", "upfront:R1", 46.30m, "2025-03-20", currency: "EUR")
         .Payout("PAY2", "P1", "upfront:R2", 30m, "2025-03-20")
         .Payout("PAY3", "P1", "upfront:R3", 75m, "2025-03-20", currency: "usd")
         .Payout("PAY5a", "P1", "upfront:R5", 50m, "2025-03-20").Payout("PAY5b", "P1", "upfront:R5", 50m, "2025-04-02")
         .Payout("PAY6", "P2", "upfront:R6", 50m, "2025-03-20")
         .Payout("PAY7", "P1", "bonus:spiff", 100m, "2025-03-20")
         .Payout("PAY8", "P1", null, 50m, "2025-03-20")
         .Payout("PAY9", "P1", "  ", 250m, "2025-03-20")
         .Payout("PAY11", "P1", "upfront:R11", 50m, "2025-12-12")
         .Payout("PAY13", "P3", "upfront:R13", 7500m, "2025-03-20", currency: "JPY");   // no rate for JPY anywhere
        w.Build("2025-12-31");
        return w;
    }

    [Fact]
    public void Reconciliation_EveryStatus_EveryPayoutLineInExactlyOneRow()
    {
        // R1 matched (EUR converted); R2 underpaid; R3 overpaid; R4 unpaid; R5 paid twice → duplicate_payment whatever
        // the sum; R6 withheld but paid → paid_but_withheld with expected 0; PAY7 (unknown reward), PAY8 (no reward) and
        // PAY9 (blank reward) are one orphan_payment row each. R10 is not due and unpaid → no row; R11 is not due but
        // paid early → a row (D59); R12 is due on the cut-off day itself (D4). R13's only line is in a currency without
        // a rate → missing_fx_rate, paid unknown.
        using var w = Program();
        Assert.Equal(
        [
            "NULL | [PAY8] | P1 | 0.00 | 50.00 | 50.00 | orphan_payment | false",
            "NULL | [PAY9] | P1 | 0.00 | 250.00 | 250.00 | orphan_payment | false",
            "bonus:spiff | [PAY7] | P1 | 0.00 | 100.00 | 100.00 | orphan_payment | false",
            "upfront:R1 | [PAY1] | P1 | 50.00 | 50.00 | 0.00 | matched | true",
            "upfront:R11 | [PAY11] | P1 | 50.00 | 50.00 | 0.00 | matched | false",
            "upfront:R12 | [] | P1 | 50.00 | 0.00 | -50.00 | unpaid | true",
            "upfront:R13 | [PAY13] | P3 | 50.00 | NULL | NULL | missing_fx_rate | true",
            "upfront:R2 | [PAY2] | P1 | 50.00 | 30.00 | -20.00 | underpaid | true",
            "upfront:R3 | [PAY3] | P1 | 50.00 | 75.00 | 25.00 | overpaid | true",
            "upfront:R4 | [] | P1 | 50.00 | 0.00 | -50.00 | unpaid | true",
            "upfront:R5 | [PAY5a,PAY5b] | P1 | 50.00 | 100.00 | 50.00 | duplicate_payment | true",
            "upfront:R6 | [PAY6] | P2 | 0.00 | 50.00 | 50.00 | paid_but_withheld | false",
        ], w.Lines("""
            SELECT reward_id, payout_ids, partner_id, expected, paid, difference, status, is_due
            FROM fct_reconciliation ORDER BY reward_id NULLS FIRST, payout_ids
            """));
        Assert.Equal("11 | 11", w.Lines("""
            SELECT (SELECT count(*) FROM int_payouts), (SELECT count(*) FROM (SELECT unnest(payout_ids) FROM fct_reconciliation))
            """).Single());
    }

    [Fact]
    public void PartnerTotals_SumTheRowsAndCountEachStatus()
    {
        // P1: expected 7 × 50 = 350 (orphans expect 0); paid 50 + 50 + 30 + 75 + 100 + 100 + 50 + 250 = 705.
        using var w = Program();
        Assert.Equal(
        [
            "P1 | 350.00 | 705.00 | 355.00 | 2 | 1 | 1 | 2 | 1 | 0 | 3 | 0",
            "P2 | 0.00 | 50.00 | 50.00 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0",
            "P3 | 50.00 | NULL | NULL | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1",
        ], w.Lines("""
            SELECT partner_id, expected, paid, difference, matched, underpaid, overpaid, unpaid, duplicate_payment,
                   paid_but_withheld, orphan_payment, missing_fx_rate
            FROM fct_reconciliation_partner_totals ORDER BY partner_id
            """));
    }
}

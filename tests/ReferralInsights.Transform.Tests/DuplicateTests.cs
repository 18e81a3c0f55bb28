namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §3 duplicates with D3 (Δ ≤ 90 d inclusive, exact 24 h units), D16 (kept = not itself a
/// duplicate, rejected ones anchor) and D17 (dedup key, duplicate_of).</summary>
public class DuplicateTests
{
    [Fact]
    public void Duplicates_WindowChainPartnerAndKeyKinds()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Partner("P2").Partner("P3").Partner("P4")
         .Account("A", "Acme", "a.com");
        // R1 is the first for (P1, account A): kept
        w.Referral("R01", "P1", "2025-01-01 00:00:00", "Acme", domain: "a.com")
        // 30 days later, inside the window: duplicate of R01
         .Referral("R02", "P1", "2025-01-31 00:00:00", "Acme", domain: "a.com")
        // exactly 90 d after R01: still a duplicate (inclusive bound)
         .Referral("R03", "P1", "2025-04-01 00:00:00", "Acme", domain: "a.com")
        // 90 d + 1 s after R01, the last KEPT referral (R02/R03 are duplicates and do not anchor): kept
         .Referral("R04", "P1", "2025-04-01 00:00:01", "Acme", domain: "a.com")
        // the window now runs from R04: duplicate of R04, not of R01
         .Referral("R05", "P1", "2025-04-05 00:00:00", "Acme", domain: "a.com")
        // another partner referring the same account is a co-referral, never a duplicate
         .Referral("R06", "P2", "2025-01-02 00:00:00", "Acme", domain: "a.com")
        // unmatched: same normalized domain (www. and scheme stripped) → same key → duplicate
         .Referral("R07", "P1", "2025-02-01 00:00:00", "Ghost Co", domain: "ghost.io")
         .Referral("R08", "P1", "2025-02-10 00:00:00", "Ghost Company Ltd", domain: "https://www.ghost.io")
        // unmatched without domain: key is the name 'ghost'; keys of different kinds never equal (D17) → kept
         .Referral("R09", "P1", "2025-02-11 00:00:00", "Ghost")
        // D16: a rejected referral still anchors duplicates
         .Referral("R10", "P3", "2025-05-01 00:00:00", "Acme", domain: "a.com", status: "rejected", decided: "2025-05-01 10:00:00")
         .Referral("R11", "P3", "2025-05-02 00:00:00", "Acme", domain: "a.com")
        // same submitted_at: order by referral_id, Δ = 0 → the later id is the duplicate
         .Referral("R13", "P4", "2025-05-01 00:00:00", "Acme", domain: "a.com")
         .Referral("R12", "P4", "2025-05-01 00:00:00", "Acme", domain: "a.com");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "R01 | false | NULL", "R02 | true | R01", "R03 | true | R01", "R04 | false | NULL", "R05 | true | R04",
            "R06 | false | NULL", "R07 | false | NULL", "R08 | true | R07", "R09 | false | NULL", "R10 | false | NULL",
            "R11 | true | R10", "R12 | false | NULL", "R13 | true | R12",
        ], w.Lines("SELECT referral_id, is_duplicate, duplicate_of FROM fct_referrals ORDER BY referral_id"));
    }

    [Fact]
    public void Duplicates_MakeNoTouchAndCountOnlyAsDuplicates()
    {
        // §3: duplicates count in `duplicates`, never in volume or attribution
        using var w = new TestWarehouse();
        w.Partner("P1").Account("A", "Acme", "a.com")
         .Referral("R1", "P1", "2025-03-01", "Acme", domain: "a.com")
         .Referral("R2", "P1", "2025-03-02", "Acme", domain: "a.com");
        w.Build("2025-06-30");
        Assert.Equal(["referral:R1"], w.Lines("SELECT touch_id FROM fct_touches ORDER BY 1"));
        Assert.Equal(["month | 2025-03 | 1 | 1"],
            w.Lines("SELECT period_type, period, referrals, duplicates FROM fct_partner_metrics WHERE period_type = 'month'"));
    }
}

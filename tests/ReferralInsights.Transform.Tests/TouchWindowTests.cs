namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §4 touches and their windows (D3 bounds, D19 click touches, D20 activity scope, D21 grain,
/// D22 late claims, §9 bursts).</summary>
public class TouchWindowTests
{
    private static List<string> Touches(TestWarehouse w) =>
        w.Lines("""
            SELECT touch_id, partner_id, coalesce(account_id, '-'), coalesce(opportunity_id, '-'), kind, touch_at,
                   coalesce(role, '-'), evidence_id
            FROM fct_touches ORDER BY touch_id, opportunity_id NULLS FIRST
            """);

    [Fact]
    public void ReferralTouches_SourcingAndAssistBounds()
    {
        using var w = new TestWarehouse();
        foreach (var p in new[] { "P1", "P2", "P3", "P4", "P5", "P6" }) w.Partner(p);
        w.Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         // O1 open, t0 = 2025-03-01; t0 − 180 d = 2024-09-02 00:00; t0 + 1 d = 2025-03-02 00:00
         .Opportunity("O1", "A", "2025-03-01 00:00:00")
         // O2 closed (won) at t1 = 2025-04-01 00:00
         .Opportunity("O2", "B", "2025-03-01 00:00:00", status: "won", closed: "2025-04-01 00:00:00", amount: 100m);
        w.Referral("R1", "P1", "2024-09-02 00:00:00", "Alpha", domain: "a.com")   // exactly t0 − 180 d: sourcing
         .Referral("R2", "P2", "2024-09-01 23:59:59", "Alpha", domain: "a.com")   // 1 s earlier: no opportunity
         .Referral("R3", "P3", "2025-03-02 00:00:00", "Alpha", domain: "a.com")   // exactly t0 + 1 d: sourcing
         .Referral("R4", "P4", "2025-03-02 00:00:01", "Alpha", domain: "a.com")   // 1 s after grace: assist (open, t1 = as_of end)
         .Referral("R5", "P5", "2025-04-01 00:00:00", "Beta", domain: "b.com")    // exactly t1 of O2: assist is exclusive → nothing
         .Referral("R6", "P6", "2025-03-31 23:59:59", "Beta", domain: "b.com");   // 1 s before t1: assist
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "referral:R1 | P1 | A | O1 | referral | 2024-09-02 00:00:00 | sourcing | R1",
            "referral:R2 | P2 | A | - | referral | 2024-09-01 23:59:59 | - | R2",
            "referral:R3 | P3 | A | O1 | referral | 2025-03-02 00:00:00 | sourcing | R3",
            "referral:R4 | P4 | A | O1 | referral | 2025-03-02 00:00:01 | assist | R4",
            "referral:R5 | P5 | B | - | referral | 2025-04-01 00:00:00 | - | R5",
            "referral:R6 | P6 | B | O2 | referral | 2025-03-31 23:59:59 | assist | R6",
        ], Touches(w));
        // D22: a late claim is exactly a referral touch that is an assist
        Assert.Equal(["R4 | O1", "R6 | O2"], w.Lines("SELECT referral_id, opportunity_id FROM int_late_claims ORDER BY 1"));
    }

    [Fact]
    public void ReferralTouches_OnlyMatchedKeptNonRejectedNonSelfReferralsOfKnownPartners()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Partner("P2").Partner("PSELF", domain: "https://www.selfco.com")
         .Account("A", "Alpha", "a.com").Account("S", "Selfco", "selfco.com")
         .Opportunity("O1", "A", "2025-03-01");
        w.Referral("R1", "P2", "2025-02-01", "Alpha", domain: "a.com", status: "rejected", decided: "2025-02-05") // rejected
         .Referral("R2", "P1", "2025-02-01", "Nobody Inc")                                                      // unmatched
         .Referral("R3", "PSELF", "2025-02-01", "Selfco", domain: "selfco.com")                                  // §8 self-referral
         .Referral("R4", "PUNKNOWN", "2025-02-01", "Alpha", domain: "a.com")                                     // D18 unknown partner
         .Referral("R5", "P1", "2025-02-02", "Alpha", domain: "a.com", status: "rejected", decided: "2025-07-05"); // D2: decision after as_of → submitted
        w.Build("2025-06-30");
        Assert.Equal(["referral:R5 | P1 | A | O1 | referral | 2025-02-02 00:00:00 | sourcing | R5"], Touches(w));
        Assert.Equal("submitted", w.Scalar("SELECT status FROM fct_referrals WHERE referral_id = 'R5'"));
    }

    [Fact]
    public void ActivityTouches_ScopeAndInclusiveBounds()
    {
        using var w = new TestWarehouse();
        w.Partner("P7").Partner("P8")
         .Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Contact("C1", "A", "someone@a.com")
         .Opportunity("O1", "A", "2025-03-01 00:00:00")
         .Opportunity("O2", "B", "2025-03-01 00:00:00", status: "lost", closed: "2025-04-01 00:00:00")
         .Opportunity("O3", "B", "2025-03-15 00:00:00");
        w.Activity("X1", "P7", "2025-03-01 00:00:00", opportunity: "O2")     // exactly t0: assist on O2 only (not O3: scope D20)
         .Activity("X2", "P7", "2025-02-28 23:59:59", opportunity: "O2")     // before t0: no opportunity
         .Activity("X3", "P7", "2025-04-01 00:00:00", opportunity: "O2")     // exactly t1 (closed_at): inclusive → assist
         .Activity("X4", "P7", "2025-04-01 00:00:01", opportunity: "O2")     // after t1: no opportunity
         .Activity("X5", "P8", "2025-05-01 00:00:00", account: "B")          // account scope: every opp of B in bounds → O3 only
         .Activity("X6", "P8", "2025-05-02 00:00:00", contact: "C1")         // contact scope → account A → O1
         .Activity("X7", "PX", "2025-05-02 00:00:00", opportunity: "O1");    // unknown partner: no touch
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "activity:X1 | P7 | B | O2 | activity | 2025-03-01 00:00:00 | assist | X1",
            "activity:X2 | P7 | B | - | activity | 2025-02-28 23:59:59 | - | X2",
            "activity:X3 | P7 | B | O2 | activity | 2025-04-01 00:00:00 | assist | X3",
            "activity:X4 | P7 | B | - | activity | 2025-04-01 00:00:01 | - | X4",
            "activity:X5 | P8 | B | O3 | activity | 2025-05-01 00:00:00 | assist | X5",
            "activity:X6 | P8 | A | O1 | activity | 2025-05-02 00:00:00 | assist | X6",
        ], Touches(w));
        // activities never source: an assisted-only opportunity
        Assert.Equal("assisted", w.Scalar("SELECT attribution_class FROM fct_opportunities WHERE opportunity_id = 'O3'"));
    }

    [Fact]
    public void ClickTouches_CookieWindowEvidencePerPartnerAndBursts()
    {
        using var w = new TestWarehouse();
        w.Config = w.Config with { Compliance = w.Config.Compliance with { ClickBurstThreshold = 2 } };
        foreach (var p in new[] { "P9", "P10", "P11", "P12" }) w.Partner(p);
        w.Account("C", "Gamma", "c.com").Opportunity("O3", "C", "2025-05-10 00:00:00")
         .Link("L9", "P9").Link("L9B", "P9").Link("L10", "P10").Link("L11", "P11").Link("L12", "P12");
        // conversion at tc = 2025-05-10 00:00; tc − 90 d = 2025-02-09 00:00
        w.Conversion("V1-CONV", "V1", "Buyer@C.com", "2025-05-10 00:00:00")
         .Click("K1", "L9", "V1", "2025-02-09 00:00:00")     // exactly tc − 90 d: qualifies
         .Click("K2", "L9B", "V1", "2025-03-01 00:00:00")    // P9's last click ≤ tc (another code): the evidence (D19)
         .Click("K3", "L10", "V1", "2025-02-08 23:59:59")    // 1 s outside the cookie window: no touch for P10
         .Click("K4", "L11", "V1", "2025-05-10 00:00:01")    // after the conversion: no touch for P11
         .Click("K5", "LUNKNOWN", "V1", "2025-05-01 00:00:00")  // unknown code: dropped
         // P12: 3 clicks with one ip_hash in one UTC hour > threshold 2 → burst, ignored (§9, D58)
         .Click("K6", "L12", "V1", "2025-05-01 10:00:00", ip: "ip-x")
         .Click("K7", "L12", "V9", "2025-05-01 10:30:00", ip: "ip-x")
         .Click("K8", "L12", "V9", "2025-05-01 10:59:59", ip: "ip-x")
         // the same ip in the next hour is only 1 click: no burst, but this visitor never converts
         .Click("K9", "L12", "V9", "2025-05-01 11:00:00", ip: "ip-x");
        w.Build("2025-06-30");
        Assert.Equal(["click:V1-CONV:P9 | P9 | C | O3 | click | 2025-05-10 00:00:00 | sourcing | K2"], Touches(w));
        Assert.Equal(["P12 | ip-x | 2025-05-01 10:00:00 | 3"],
            w.Lines("SELECT partner_id, ip_hash, click_hour, clicks FROM int_click_bursts"));
    }

    [Fact]
    public void ClickTouches_SeveralPartnersEachGetATouch()
    {
        // D19: no cross-partner last-click-wins: each partner with a qualifying click gets its own touch
        using var w = new TestWarehouse();
        w.Partner("PA").Partner("PB").Link("LA", "PA").Link("LB", "PB")
         .Account("C", "Gamma", "c.com").Opportunity("O1", "C", "2025-05-10")
         .Click("K1", "LA", "V1", "2025-05-01 10:00:00")
         .Click("K2", "LB", "V1", "2025-05-02 10:00:00")
         .Conversion("CV", "V1", "x@c.com", "2025-05-03 00:00:00");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "click:CV:PA | PA | C | O1 | click | 2025-05-03 00:00:00 | sourcing | K1",
            "click:CV:PB | PB | C | O1 | click | 2025-05-03 00:00:00 | sourcing | K2",
        ], Touches(w));
    }
}

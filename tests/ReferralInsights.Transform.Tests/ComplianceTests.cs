using ReferralInsights.Config;
using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §8 compliance flags (D9, D22, D55-D58): every rule with its exact evidence text. ineligible_partner
/// comes from the rewards and is checked in <see cref="RewardTests"/>.</summary>
public class ComplianceTests
{
    // P1 (domain p1.com): R1 is its own company by every test at once; R2 (months later) matches account AP by name,
    //   whose domain is P1's; R7 is submitted four days after O2 was created (late claim); 51 clicks from one ip_hash in one UTC hour over
    //   P1's two links (a burst), and exactly 50 in the next hour (not "more than" 50).
    // P2: R3 on account G (Public Sector), R4 unmatched with its own industry Government, R5 repeats R3 within 90 days.
    // P3 (free-mail domain): R6 with a gmail address is never a self-referral (D9).
    // O1 on G: sourced by P2 (R3) and P4 (a click), assisted by P5 (a meeting): P4 and P5 are credited on a restricted
    //   account without a sourcing referral (D55).
    /// <param name="reviews">review decisions of the program owner, given before the build</param>
    internal static TestWarehouse Program(string asOf = "2025-12-31", params ReviewDecision[] reviews)
    {
        var w = new TestWarehouse().WithExampleRewards();
        w.Partner("P1", domain: "p1.com", signed: Signed).Partner("P2", signed: Signed).Partner("P3", domain: "gmail.com", signed: Signed)
         .Partner("P4", signed: Signed).Partner("P5", signed: Signed)
         .Account("A", "Alpha", "a.com").Account("G", "Gov Agency", "g.org", industry: "Public Sector").Account("AP", "Pone", "p1.com")
         .Referral("R1", "P1", "2025-01-10", "Us", domain: "https://www.p1.com", email: "me@P1.com")
         .Referral("R2", "P1", "2025-05-01", "Pone")                                       // > 90 days after R1: no duplicate
         .Referral("R3", "P2", "2025-02-01", "Gov Agency", domain: "g.org")
         .Referral("R4", "P2", "2025-02-02", "Ministry", industry: "Government")
         .Referral("R5", "P2", "2025-02-20", "Gov Agency", domain: "g.org")
         .Referral("R6", "P3", "2025-02-03", "Friend", email: "x@gmail.com")
         .Opportunity("O1", "G", "2025-02-10")
         .Link("L4", "P4").Click("K4", "L4", "V4", "2025-02-05").Conversion("CV4", "V4", "buyer@g.org", "2025-02-06")
         .Activity("X5", "P5", "2025-02-15", opportunity: "O1")
         .Opportunity("O2", "A", "2025-03-01 10:00:00")
         .Referral("R7", "P1", "2025-03-05", "Alpha", domain: "a.com")
         .Link("L1", "P1").Link("L1b", "P1");
        for (var i = 0; i < 51; i++) w.Click($"KB{i}", i < 30 ? "L1" : "L1b", "VB", $"2025-03-01 14:{i % 60:00}:00", ip: "ipX");
        for (var i = 0; i < 50; i++) w.Click($"KC{i}", "L1", "VB", $"2025-03-01 15:{i % 60:00}:30", ip: "ipX");
        w.Config = w.Config with { ReviewDecisions = reviews };
        w.Build(asOf);
        return w;
    }

    [Fact]
    public void Flags_EveryInputRule_WithItsEvidence()
    {
        using var w = Program();
        Assert.Equal(
        [
            "click_burst:P1:ipX:2025-03-01T14 | click_burst | info | P1 | NULL | NULL | " +
                "51 clicks from ip_hash ipX on partner P1's links between 2025-03-01 14:00 and 15:00 UTC (more than 50); ignored by attribution",
            "duplicate_submission:R5 | duplicate_submission | info | P2 | R5 | NULL | " +
                "referral R5 (submitted 2025-02-20 00:00:00 UTC) repeats R3 (submitted 2025-02-01 00:00:00 UTC) within 90 days: same account G",
            "late_claim:R7:O2 | late_claim | review | P1 | R7 | O2 | " +
                "referral R7 submitted 2025-03-05 00:00:00 UTC, after the 1-day grace period from the creation of opportunity O2 " +
                "(2025-03-01 10:00:00 UTC) while it is open",
            "restricted_industry:O1:P4 | restricted_industry | review | P4 | NULL | O1 | " +
                "partner P4 credited on opportunity O1 (account G industry Public Sector, restricted) through a click, without a sourcing referral",
            "restricted_industry:O1:P5 | restricted_industry | review | P5 | NULL | O1 | " +
                "partner P5 credited on opportunity O1 (account G industry Public Sector, restricted) through an assist, without a sourcing referral",
            "restricted_industry:R3 | restricted_industry | review | P2 | R3 | NULL | referral R3 account G industry Public Sector is restricted",
            "restricted_industry:R4 | restricted_industry | review | P2 | R4 | NULL | referral R4 industry Government is restricted",
            "self_referral:R1 | self_referral | block | P1 | R1 | NULL | " +
                "referral R1 company domain p1.com, contact email domain p1.com, account AP domain p1.com = partner P1 domain p1.com",
            "self_referral:R2 | self_referral | block | P1 | R2 | NULL | referral R2 account AP domain p1.com = partner P1 domain p1.com",
        ], w.Lines("SELECT flag_id, rule, severity, partner_id, referral_id, opportunity_id, detail FROM fct_compliance_flags ORDER BY flag_id"));
    }

    [Fact]
    public void Flags_BlockAndReviewWithholdTheRewardsTheyCover_InfoFlagsDoNot()
    {
        // D54: self_referral:R1 / R2 (block) withhold those referrals' upfronts (accepted: empty status and matched);
        // restricted_industry:R3 withholds R3's upfront; the duplicate R5 earns nothing; R7's upfront carries no
        // opportunity, so late_claim:R7:O2 does not cover it; P1's click burst (info) withholds nothing.
        using var w = Program();
        Assert.Equal(
        [
            "upfront:R1 | withheld | self_referral",
            "upfront:R2 | withheld | self_referral",
            "upfront:R3 | withheld | restricted_industry",
            "upfront:R7 | payable | NULL",
        ], w.Lines("SELECT reward_id, status, reason FROM fct_rewards ORDER BY reward_id"));
    }
}

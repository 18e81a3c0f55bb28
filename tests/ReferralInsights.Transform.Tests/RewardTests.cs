using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §7 rewards (D42-D54, D70): each reward type, tiers over time, the per-deal and annual caps,
/// clawbacks, and every withholding reason, with amounts worked out by hand from the example terms
/// (Registered 50 / 250 / 5 %, Silver 100 / 500 / 8 %, Gold 150 / 750 / 10 %).</summary>
public class RewardTests
{
    private const string Columns = """
        reward_id, partner_id, type, referral_id, opportunity_id, tier, basis_amount, rate, amount, earned_at, status, reason
        """;

    private static List<string> Rewards(TestWarehouse w, string where = "true") =>
        w.Lines($"SELECT {Columns} FROM fct_rewards WHERE {where} ORDER BY earned_at, type = 'clawback', reward_id");

    private static TestWarehouse Program() => new TestWarehouse().WithExampleRewards();

    [Fact]
    public void Upfront_OnlyAcceptedNonDuplicateReferralsEarn_AtDecidedAtElseSubmittedAt()
    {
        // D44: accepted = status accepted, or empty status and matched; `submitted`, rejected, unmatched-without-status
        // and duplicate referrals earn nothing.
        using var w = Program();
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-02-03 10:00:00")
         .Referral("R2", "P1", "2025-02-05", "Gamma", status: "submitted")
         .Referral("R3", "P1", "2025-02-06", "Delta", status: "rejected", decided: "2025-02-07")
         .Referral("R4", "P1", "2025-02-08 09:30:00", "Beta", domain: "b.com")                    // empty status, matched
         .Referral("R5", "P1", "2025-02-09", "Nowhere")                                           // empty status, unmatched
         .Referral("R6", "P1", "2025-03-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-03-02"); // duplicate of R1
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "upfront:R1 | P1 | upfront | R1 | NULL | Registered | NULL | NULL | 50.00 | 2025-02-03 10:00:00 | payable | NULL",
            "upfront:R4 | P1 | upfront | R4 | NULL | Registered | NULL | NULL | 50.00 | 2025-02-08 09:30:00 | payable | NULL",
        ], Rewards(w));
    }

    [Fact]
    public void Milestone_QualifiedReferralEarnsAtQualifiedAt_EvenWhenNeverAccepted()
    {
        // §7 milestone at the referral's qualified_at (D34: first entry of a sourced opportunity into a qualified stage);
        // D70: a referral still `submitted` that qualifies earns the milestone but no upfront.
        using var w = Program();
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-02-02")
         .Opportunity("O1", "A", "2025-03-01").Stage("O1", "Discovery", "2025-03-01").Stage("O1", "Qualified", "2025-04-10 12:00:00")
         .Referral("R2", "P1", "2025-02-05", "Beta", domain: "b.com", status: "submitted")
         .Opportunity("O2", "B", "2025-03-05", stage: "Proposal");                                  // no history: qualified at creation
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "upfront:R1 | P1 | upfront | R1 | NULL | Registered | NULL | NULL | 50.00 | 2025-02-02 00:00:00 | payable | NULL",
            "milestone:R2 | P1 | milestone | R2 | NULL | Registered | NULL | NULL | 250.00 | 2025-03-05 00:00:00 | payable | NULL",
            "milestone:R1 | P1 | milestone | R1 | NULL | Registered | NULL | NULL | 250.00 | 2025-04-10 12:00:00 | payable | NULL",
        ], Rewards(w));
    }

    [Fact]
    public void Commission_PaysEachSourcingPartnerItsCreditAtTheTierRate_RoundedHalfAwayFromZero()
    {
        // O1 10,000.01 co-referred: P1 primary 0.6 → 6,000.006 × 5 % = 300.0003 → 300.00 (basis 6,000.01);
        // P2 0.4 → 4,000.004 × 5 % = 200.0002 → 200.00. O2 1,000.10 × 5 % = 50.005 → 50.01 (half away from zero, D10).
        // O3 won without amount and O4 lost pay nothing (D47). referral_id: the partner's earliest sourcing referral (D45).
        using var w = Program();
        w.Partner("P1", signed: Signed).Partner("P2", signed: Signed)
         .Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com").Account("C", "Gamma", "c.com")
         .Referral("R1", "P1", "2025-03-01", "Alpha", domain: "a.com")
         .Referral("R2", "P2", "2025-03-02", "Alpha", domain: "a.com")
         .Referral("R3", "P1", "2025-03-03", "Beta", domain: "b.com")
         .Referral("R4", "P1", "2025-03-04", "Gamma", domain: "c.com")
         .Opportunity("O1", "A", "2025-03-10", "won", "2025-05-20", 10000.01m, stage: "Closed Won")
         .Opportunity("O2", "B", "2025-03-10", "won", "2025-05-21", 1000.10m, stage: "Closed Won")
         .Opportunity("O3", "C", "2025-03-10", "won", "2025-05-22", null, stage: "Closed Won")
         .Opportunity("O4", "C", "2025-03-11", "lost", "2025-05-23", 5000m, stage: "Closed Lost");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "commission:O1:P1 | P1 | commission | R1 | O1 | Registered | 6000.01 | 0.050000 | 300.00 | 2025-05-20 00:00:00 | payable | NULL",
            "commission:O1:P2 | P2 | commission | R2 | O1 | Registered | 4000.00 | 0.050000 | 200.00 | 2025-05-20 00:00:00 | payable | NULL",
            "commission:O2:P1 | P1 | commission | R3 | O2 | Registered | 1000.10 | 0.050000 | 50.01 | 2025-05-21 00:00:00 | payable | NULL",
        ], Rewards(w, "type = 'commission'"));
    }

    [Theory]
    [InlineData(100, "assist:O1:P2 | P2 | assist | NULL | O1 | Registered | NULL | NULL | 100.00 | 2025-05-01 00:00:00 | payable | NULL")]
    [InlineData(0, null)]   // D46: an assist bonus of 0 emits nothing
    public void Assist_WonAssistedDealPaysTheAssistBonus_AndAssistsOnSourcedDealsPayNothing(int bonus, string? expected)
    {
        // O1 has no sourcing partner, only P2's meeting → class assisted → P2 earns rewards.assist_bonus at closed_at
        // (no referral_id, D45). O2 is sourced by P1 (direct): P2's meeting there earns nothing.
        using var w = Program();
        w.Config = w.Config with { Rewards = w.Config.Rewards with { AssistBonus = bonus } };
        w.Partner("P1", signed: Signed).Partner("P2", signed: Signed)
         .Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Opportunity("O1", "A", "2025-03-01", "won", "2025-05-01", 10000m, stage: "Closed Won")
         .Activity("X1", "P2", "2025-03-10", opportunity: "O1")
         .Referral("R1", "P1", "2025-02-01", "Beta", domain: "b.com")
         .Opportunity("O2", "B", "2025-03-01", "won", "2025-05-02", 10000m, stage: "Closed Won")
         .Activity("X2", "P2", "2025-03-10", opportunity: "O2");
        w.Build("2025-12-31");
        Assert.Equal(expected is null ? [] : [expected], Rewards(w, "type = 'assist'"));
    }

    [Fact]
    public void Clawback_RefundWithinClawbackDaysReversesTheCommission_OneSecondLaterNothing()
    {
        // D3: 0 ≤ refunded_at − closed_at ≤ 90 days, in exact 24 h units. O1 refunded exactly 90 days after closing →
        // clawback −500.00 at refunded_at, payable, reason refund (D50). O2 refunded 90 days + 1 s later → nothing (D68).
        using var w = Program();
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2025-01-01", "Alpha", domain: "a.com")
         .Referral("R2", "P1", "2025-01-01", "Beta", domain: "b.com")
         .Opportunity("O1", "A", "2025-02-01", "won", "2025-03-01", 10000m, stage: "Closed Won", refunded: "2025-05-30 00:00:00")
         .Opportunity("O2", "B", "2025-02-01", "won", "2025-03-01", 10000m, stage: "Closed Won", refunded: "2025-05-30 00:00:01");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "commission:O1:P1 | P1 | commission | R1 | O1 | Registered | 10000.00 | 0.050000 | 500.00 | 2025-03-01 00:00:00 | payable | NULL",
            "commission:O2:P1 | P1 | commission | R2 | O2 | Registered | 10000.00 | 0.050000 | 500.00 | 2025-03-01 00:00:00 | payable | NULL",
            "clawback:O1:P1 | P1 | clawback | R1 | O1 | Registered | 10000.00 | 0.050000 | -500.00 | 2025-05-30 00:00:00 | payable | refund",
        ], Rewards(w, "type IN ('commission', 'clawback')"));
    }

    [Fact]
    public void TierChangeMidYear_TermsSwitchOnTheEffectiveDate()
    {
        // D42: P1 is Silver from 2025-01-01 and Gold from 2025-06-15. A reward earned 2025-06-14 23:59:59 is Silver's
        // (100); one earned 2025-06-15 00:00:00 is Gold's (150: a change effective today applies today); one earned
        // before the first row takes the earliest tier (Silver). The commission closed 2025-06-15 is at Gold's 10 %.
        using var w = Program();
        w.Partner("P1", signed: Signed, tier: "Gold")
         .PartnerTier("P1", "Silver", "2025-01-01").PartnerTier("P1", "Gold", "2025-06-15")
         .Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com").Account("C", "Gamma", "c.com")
         .Referral("R0", "P1", "2024-12-20", "Gamma", domain: "c.com", status: "accepted", decided: "2024-12-31")
         .Referral("R1", "P1", "2025-06-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-06-14 23:59:59")
         .Referral("R2", "P1", "2025-06-02", "Beta", domain: "b.com", status: "accepted", decided: "2025-06-15 00:00:00")
         .Opportunity("O1", "A", "2025-06-05", "won", "2025-06-15 08:00:00", 10000m, stage: "Discovery");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "upfront:R0 | Silver | 100.00",
            "upfront:R1 | Silver | 100.00",
            "upfront:R2 | Gold | 150.00",
            "commission:O1:P1 | Gold | 1000.00",
            "milestone:R1 | Gold | 750.00",   // won → qualified at closed_at (D33)
        ], w.Lines("SELECT reward_id, tier, amount FROM fct_rewards ORDER BY earned_at, reward_id"));
    }

    [Fact]
    public void TierHistory_EqualDatesTakeTheLaterRow_AndAnUnknownTierGetsTheLowestTerms()
    {
        // D42: two rows effective the same day → the later row in the file (Silver) applies. D43: a tier name that is
        // not in rewards.tiers → the lowest tier's terms (Registered 50), and the reward shows the tier whose terms apply.
        using var w = Program();
        w.Partner("P1", signed: Signed).PartnerTier("P1", "Gold", "2025-03-01").PartnerTier("P1", "Silver", "2025-03-01")
         .Partner("P2", signed: Signed, tier: "Platinum")
         .Referral("R1", "P1", "2025-04-01", "Alpha", status: "accepted", decided: "2025-04-01")
         .Referral("R2", "P2", "2025-04-01", "Beta", status: "accepted", decided: "2025-04-01");
        w.Build("2025-12-31");
        Assert.Equal(["upfront:R1 | Silver | 100.00", "upfront:R2 | Registered | 50.00"],
            w.Lines("SELECT reward_id, tier, amount FROM fct_rewards ORDER BY reward_id"));
        Assert.Equal("true", w.Scalar("SELECT is_unknown_tier FROM int_partner_tiers WHERE partner_id = 'P2'"));
    }

    [Fact]
    public void PerDealCap_CutsTheCommissionBeforeRounding_AndTheClawbackReversesTheCut()
    {
        // 600,000 × 5 % = 30,000 > per_deal 25,000 → capped 25,000.00, reason per_deal_cap (D48); uncapped_amount keeps
        // 30,000.00. The refund within 90 days claws back the cut amount, −25,000.00 (D50).
        using var w = Program();
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-01-01", "Alpha", domain: "a.com")
         .Opportunity("O1", "A", "2025-02-01", "won", "2025-03-01", 600000m, stage: "Discovery", refunded: "2025-04-01");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "commission:O1:P1 | 600000.00 | 25000.00 | 30000.00 | capped | per_deal_cap",
            "clawback:O1:P1 | 600000.00 | -25000.00 | -25000.00 | payable | refund",
        ], w.Lines("""
            SELECT reward_id, basis_amount, amount, uncapped_amount, status, reason FROM fct_rewards
            WHERE type IN ('commission', 'clawback') ORDER BY earned_at
            """));
    }

    [Fact]
    public void AnnualCap_CrossingRewardFillsTheCapExactly_LaterOnesWithheld_ClawbacksFreeRoom_YearResets()
    {
        // Cap 1,000 a calendar year. P1's R1 sources O1..O6 on account A (direct, 5 %); in cap order (D51):
        //   01-10 upfront 50 → 50;  01-20 milestone 250 (O1 qualifies at creation) → 300;  02-01 O1 600 → 900;
        //   03-01 O2 200 crosses: cut to 100, capped annual_cap → 1,000;  04-01 O3 100 → withheld annual_cap (kept 100);
        //   05-01 O1 refunded → clawback −600 → 400;  05-15 O2 refunded → clawback of its cut amount, −100 → 300;
        //   05-20 O3 refunded → no clawback (its commission was withheld, D50);
        //   06-01 O4 700 lands exactly on the cap → payable (D49) → 1,000;  07-01 O5 50 → withheld;
        //   2026-01-15 O6 100 → a new calendar year → payable, 100.
        using var w = Program();
        w.Config = w.Config with { Rewards = w.Config.Rewards with { Caps = w.Config.Rewards.Caps with { PerPartnerPerYear = 1000m } } };
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-01-05", "Alpha", domain: "a.com", status: "accepted", decided: "2025-01-10")
         .Opportunity("O1", "A", "2025-01-20", "won", "2025-02-01", 12000m, stage: "Closed Won", refunded: "2025-05-01")
         .Opportunity("O2", "A", "2025-02-10", "won", "2025-03-01", 4000m, stage: "Closed Won", refunded: "2025-05-15")
         .Opportunity("O3", "A", "2025-02-15", "won", "2025-04-01", 2000m, stage: "Closed Won", refunded: "2025-05-20")
         .Opportunity("O4", "A", "2025-03-01", "won", "2025-06-01", 14000m, stage: "Closed Won")
         .Opportunity("O5", "A", "2025-03-05", "won", "2025-07-01", 1000m, stage: "Closed Won")
         .Opportunity("O6", "A", "2025-06-01", "won", "2026-01-15", 2000m, stage: "Closed Won");
        w.Build("2026-03-31");
        Assert.Equal(
        [
            "upfront:R1 | 50.00 | payable | NULL | 50.00",
            "milestone:R1 | 250.00 | payable | NULL | 300.00",
            "commission:O1:P1 | 600.00 | payable | NULL | 900.00",
            "commission:O2:P1 | 100.00 | capped | annual_cap | 1000.00",
            "commission:O3:P1 | 100.00 | withheld | annual_cap | 1000.00",
            "clawback:O1:P1 | -600.00 | payable | refund | 400.00",
            "clawback:O2:P1 | -100.00 | payable | refund | 300.00",
            "commission:O4:P1 | 700.00 | payable | NULL | 1000.00",
            "commission:O5:P1 | 50.00 | withheld | annual_cap | 1000.00",
            "commission:O6:P1 | 100.00 | payable | NULL | 100.00",
        ], w.Lines("SELECT reward_id, amount, status, reason, annual_total FROM fct_rewards ORDER BY earned_at, reward_id"));
        Assert.Equal("1000.00", w.Scalar("""
            SELECT CAST(sum(amount) AS VARCHAR) FROM fct_rewards WHERE status IN ('payable', 'capped') AND year(earned_at) = 2025
            """));
    }

    [Fact]
    public void AnnualCap_PerDealCappedCommissionCountsAtItsCutAmount()
    {
        // D49: the per-deal-capped commission counts 25,000 (not its uncapped 30,000) towards a 25,350 cap, so after
        // R1's upfront (50) and the commission, the milestone (250) and R2's upfront (50, landing exactly on the cap)
        // stay payable.
        using var w = Program();
        w.Config = w.Config with { Rewards = w.Config.Rewards with { Caps = w.Config.Rewards.Caps with { PerPartnerPerYear = 25350m } } };
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2025-01-01", "Alpha", domain: "a.com")
         .Opportunity("O1", "A", "2025-02-01", "won", "2025-03-01", 600000m, stage: "Discovery")
         .Referral("R2", "P1", "2025-03-05", "Beta", domain: "b.com", status: "accepted", decided: "2025-03-06");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "upfront:R1 | 50.00 | payable | NULL",           // empty status, matched: accepted at submitted_at
            "commission:O1:P1 | 25000.00 | capped | per_deal_cap",
            "milestone:R1 | 250.00 | payable | NULL",        // same instant as the commission, after it by reward_id (D51)
            "upfront:R2 | 50.00 | payable | NULL",
        ], w.Lines("SELECT reward_id, amount, status, reason FROM fct_rewards ORDER BY earned_at, reward_id"));
    }

    [Fact]
    public void Withheld_IneligiblePartner_InactiveFromStatusSince_SignaturesNeededBeforeEarnedAt()
    {
        // D53: P1 suspended since 2025-03-01: a reward earned before is payable, on/after is withheld. P2 terminated
        // without status_since: everything withheld. P3 signed both terms on 2025-03-01: a reward of 2025-02-28 stays
        // withheld (a later signature does not release it), one of 2025-03-01 00:00 is payable. P4 never signed the
        // data-privacy terms. Each withheld reward raises an ineligible_partner flag naming why (D57).
        using var w = Program();
        w.Partner("P1", signed: Signed, status: "suspended", statusSince: "2025-03-01")
         .Partner("P2", signed: Signed, status: "terminated")
         .Partner("P3", signed: "2025-03-01")
         .Partner("P4", signed: Signed)
         .Exec("UPDATE raw_portal__partners SET data_privacy_signed_at = NULL WHERE partner_id = 'P4'")
         .Referral("R1", "P1", "2025-02-01", "A1", status: "accepted", decided: "2025-02-28")
         .Referral("R2", "P1", "2025-02-01", "A2", status: "accepted", decided: "2025-03-01")
         .Referral("R3", "P2", "2025-02-01", "A3", status: "accepted", decided: "2025-02-28")
         .Referral("R4", "P3", "2025-02-01", "A4", status: "accepted", decided: "2025-02-28")
         .Referral("R5", "P3", "2025-02-01", "A5", status: "accepted", decided: "2025-03-01")
         .Referral("R6", "P4", "2025-02-01", "A6", status: "accepted", decided: "2025-02-28");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "upfront:R1 | payable | NULL",
            "upfront:R2 | withheld | ineligible_partner",
            "upfront:R3 | withheld | ineligible_partner",
            "upfront:R4 | withheld | ineligible_partner",
            "upfront:R5 | payable | NULL",
            "upfront:R6 | withheld | ineligible_partner",
        ], w.Lines("SELECT reward_id, status, reason FROM fct_rewards ORDER BY reward_id"));
        Assert.Equal(
        [
            "ineligible_partner:upfront:R2 | block | reward upfront:R2 earned 2025-03-01 00:00:00 UTC while partner P1 was ineligible: status suspended since 2025-03-01",
            "ineligible_partner:upfront:R3 | block | reward upfront:R3 earned 2025-02-28 00:00:00 UTC while partner P2 was ineligible: status terminated",
            "ineligible_partner:upfront:R4 | block | reward upfront:R4 earned 2025-02-28 00:00:00 UTC while partner P3 was ineligible: code of conduct signed only on 2025-03-01; data-privacy terms signed only on 2025-03-01",
            "ineligible_partner:upfront:R6 | block | reward upfront:R6 earned 2025-02-28 00:00:00 UTC while partner P4 was ineligible: data-privacy terms not signed",
        ], w.Lines("SELECT flag_id, severity, detail FROM fct_compliance_flags WHERE rule = 'ineligible_partner' ORDER BY flag_id"));
    }

    // ineligible_partner flags exist before any reward is withheld (int_flag__ineligible_partner reads the rewards'
    // terms), so a review decision can see them: one naming such a flag is reported as naming a block flag, and the reward
    // stays withheld — the rule withholds it, not the flag, and a block flag is never decided.
    [Fact]
    public void ADecisionOnAnIneligiblePartnerFlag_IsReportedAsNamingABlockFlag_AndReleasesNothing()
    {
        using var w = Program();
        w.Partner("P2", signed: Signed, status: "terminated")
         .Referral("R3", "P2", "2025-02-01", "A3", status: "accepted", decided: "2025-02-28");
        w.Config = w.Config with
        {
            ReviewDecisions = [new() { FlagId = "ineligible_partner:upfront:R3", Decision = "cleared", At = "2025-06-01", By = "owner@program.test", Why = "reinstated" }],
        };
        w.Build("2025-12-31");
        Assert.Equal("upfront:R3 | withheld | ineligible_partner | []",
            Assert.Single(w.Lines("SELECT reward_id, status, reason, cleared_flag_ids FROM fct_rewards")));
        Assert.Equal("ineligible_partner:upfront:R3 | block | NULL | 1 | 50.00 | 0",
            Assert.Single(w.Lines("SELECT flag_id, severity, review_status, withheld_rewards, withheld_amount, released_rewards FROM fct_compliance_flags")));
        Assert.Equal("ineligible_partner:upfront:R3 | cleared by owner@program.test on 2025-06-01 00:00:00 UTC names a block flag; only review flags are decided; it changes nothing",
            Assert.Single(w.Lines("SELECT entity_id, detail FROM fct_data_quality WHERE \"check\" = 'ignored_review_decision'")));
    }

    [Fact]
    public void Withheld_Disputed_WhileADisputeIsOpen_ReleasedOnceResolved()
    {
        // D31: O1 has a dispute open at as_of → P1's commission on it is withheld (disputed); the milestone carries no
        // opportunity and is not. O2's dispute was rejected → released. The per-deal cut comes first in the reason (D52).
        using var w = Program();
        w.Partner("P1", signed: Signed).Partner("P2", signed: Signed)
         .Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2025-01-01", "Alpha", domain: "a.com")
         .Referral("R2", "P1", "2025-01-01", "Beta", domain: "b.com")
         .Opportunity("O1", "A", "2025-02-01", "won", "2025-03-01", 600000m, stage: "Discovery")
         .Opportunity("O2", "B", "2025-02-01", "won", "2025-03-01", 10000m, stage: "Discovery")
         .Dispute("D1", "O1", "P2", "2025-03-05", "open")
         .Dispute("D2", "O2", "P2", "2025-03-05", "rejected", resolved: "2025-03-20");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "commission:O1:P1 | 25000.00 | withheld | per_deal_cap;disputed",
            "commission:O2:P1 | 500.00 | payable | NULL",
            "milestone:R1 | 250.00 | payable | NULL",
            "milestone:R2 | 250.00 | payable | NULL",
            "upfront:R1 | 50.00 | payable | NULL",
            "upfront:R2 | 50.00 | payable | NULL",
        ], w.Lines("SELECT reward_id, amount, status, reason FROM fct_rewards ORDER BY reward_id"));
    }

    [Fact]
    public void Withheld_SelfReferral_CoversTheReferralsRewards()
    {
        // §8 / D54: an accepted self-referral (company domain = the partner's domain) earns the upfront, withheld by the
        // block flag self_referral:R1 that covers its referral_id. (A self-referral makes no touch, so nothing else.)
        using var w = Program();
        w.Partner("P1", domain: "p1.com", signed: Signed)
         .Referral("R1", "P1", "2025-02-01", "Us", domain: "https://www.P1.com/", status: "accepted", decided: "2025-02-02");
        w.Build("2025-12-31");
        Assert.Equal(["upfront:R1 | withheld | self_referral | [self_referral:R1]"],
            w.Lines("SELECT reward_id, status, reason, flag_ids FROM fct_rewards"));
    }

    [Fact]
    public void Withheld_RestrictedIndustry_CoversUpfrontMilestoneAndCommissionOfTheReferral()
    {
        // D55: R1's account is in Government → flag restricted_industry:R1 (review) covers every reward carrying
        // referral_id R1: the upfront, the milestone and the commission (whose referral_id is R1, D45).
        using var w = Program();
        w.Partner("P1", signed: Signed).Account("A", "Agency", "a.gov", industry: "government")
         .Referral("R1", "P1", "2025-01-01", "Agency", domain: "a.gov", status: "accepted", decided: "2025-01-02")
         .Opportunity("O1", "A", "2025-02-01", "won", "2025-03-01", 10000m, stage: "Discovery");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "upfront:R1 | withheld | restricted_industry",
            "commission:O1:P1 | withheld | restricted_industry",
            "milestone:R1 | withheld | restricted_industry",
        ], w.Lines("SELECT reward_id, status, reason FROM fct_rewards ORDER BY earned_at, reward_id"));
    }

    [Fact]
    public void Withheld_LateClaim_CoversThePartnersRewardsOnThatOpportunityOnly()
    {
        // D22/D54: R1 submitted 9 days after O1 was created is an assist (late_claim flag on (R1, O1)). O1 won with no
        // sourcing partner → assisted → P1's assist bonus on O1 is withheld (late_claim); R1's upfront carries no
        // opportunity and stays payable.
        using var w = Program();
        w.Config = w.Config with { Rewards = w.Config.Rewards with { AssistBonus = 100 } };
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com")
         .Opportunity("O1", "A", "2025-03-01", "won", "2025-05-01", 10000m, stage: "Closed Won")
         .Referral("R1", "P1", "2025-03-10", "Alpha", domain: "a.com", status: "accepted", decided: "2025-03-11");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "upfront:R1 | 50.00 | payable | NULL",
            "assist:O1:P1 | 100.00 | withheld | late_claim",
        ], w.Lines("SELECT reward_id, amount, status, reason FROM fct_rewards ORDER BY earned_at"));
    }

    [Fact]
    public void Withheld_QualityGate_WithAMinimumScoreAndNoScoreYet()
    {
        // rules.md §7 quality gate with min_lead_score 0.5 and no lead score (no model yet): the upfront is listed
        // withheld with reason quality_gate (undecided until scored); the milestone has no gate.
        using var w = Program();
        w.Config = w.Config with { Rewards = w.Config.Rewards with { QualityGate = w.Config.Rewards.QualityGate with { MinLeadScore = 0.5 } } };
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-01-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-01-02")
         .Opportunity("O1", "A", "2025-02-01", stage: "Qualified");
        w.Build("2025-12-31");
        Assert.Equal(["upfront:R1 | withheld | quality_gate", "milestone:R1 | payable | NULL"],
            w.Lines("SELECT reward_id, status, reason FROM fct_rewards ORDER BY earned_at"));
    }

    [Fact]
    public void Reason_JoinsEveryRuleInDecisionOrder_WithheldBeatsCapped()
    {
        // D52: unsigned partner, Government account and a per-deal cut on one commission →
        // "per_deal_cap;ineligible_partner;restricted_industry", status withheld (not capped), amount kept at the cut.
        using var w = Program();
        w.Partner("P1").Account("A", "Agency", "a.gov", industry: "Government")
         .Referral("R1", "P1", "2025-01-01", "Agency", domain: "a.gov")
         .Opportunity("O1", "A", "2025-02-01", "won", "2025-03-01", 600000m, stage: "Discovery");
        w.Build("2025-12-31");
        Assert.Equal("25000.00 | withheld | per_deal_cap;ineligible_partner;restricted_industry",
            w.Lines("SELECT amount, status, reason FROM fct_rewards WHERE type = 'commission'").Single());
    }

    [Fact]
    public void Metrics_RewardsEarnedSumPayableAndCappedRewards_AndProgramCostAddsThem()
    {
        // §6 / D10 / D38: rewards_earned = Σ payable + capped amounts by earned_at period (clawbacks negative, withheld
        // never). P1: upfront 50 (Feb), milestone 250 + commission 500 (Mar), clawback −500 (Apr). P2 is unsigned: its
        // upfront (Feb) is withheld and makes no row. program_cost = rewards + program_costs (1,000 in 2025).
        using var w = Program();
        w.Config.ProgramCosts.Add(new() { Period = "2025", Amount = 1000m });
        w.Partner("P1", signed: Signed).Partner("P2").Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-02-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-02-02")
         .Opportunity("O1", "A", "2025-02-10", "won", "2025-03-01", 10000m, stage: "Discovery", refunded: "2025-04-01")
         .Referral("R2", "P2", "2025-02-01", "Beta", status: "accepted", decided: "2025-02-02");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "P1 | month | 2025-02 | 50.00",
            "P1 | month | 2025-03 | 750.00",
            "P1 | month | 2025-04 | -500.00",
            "P1 | quarter | 2025-Q1 | 800.00",
            "P1 | quarter | 2025-Q2 | -500.00",
            "P1 | trailing_12m | T12M | 300.00",   // the twelve months to Dec 31 are the year
            "P1 | year | 2025 | 300.00",
            "P2 | month | 2025-02 | 0.00",   // the row exists for R2's referral count, not for its withheld reward
            "P2 | quarter | 2025-Q1 | 0.00",
            "P2 | trailing_12m | T12M | 0.00",
            "P2 | year | 2025 | 0.00",
        ], w.Lines("SELECT partner_id, period_type, period, rewards_earned FROM fct_partner_metrics ORDER BY ALL"));
        Assert.Equal("300.00 | 1300.00", w.Lines("SELECT rewards_earned, program_cost FROM fct_program_metrics WHERE period = '2025'").Single());
    }
}

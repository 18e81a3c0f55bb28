using ReferralInsights.Config;
using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>Effective-dated reward terms (rewards.effective_from, rewards.earlier_terms): a reward is paid at the tier table
/// in force on the UTC day it is earned, so changing the terms does not restate the past. Here the example table
/// (Registered 50 / 250 / 5 %, Silver 100 / 500 / 8 %) applied until 2025-06-30 and a richer one from 2025-07-01
/// (Registered 80 / 300 / 6 %, Silver 120 / 600 / 9 %, Gold renamed Platinum).</summary>
public class DatedTermsTests
{
    private static TestWarehouse Program()
    {
        var w = new TestWarehouse().WithExampleRewards();
        var rewards = w.Config.Rewards;
        w.Config = w.Config with
        {
            Rewards = rewards with
            {
                EarlierTerms = [new TermsVersion { EffectiveFrom = "2025-01-01", Tiers = rewards.Tiers }],
                EffectiveFrom = "2025-07-01",
                Tiers =
                [
                    new() { Name = "Registered", MinSourcedRevenue = 0, MinQualifiedReferrals = 0, UpfrontBonus = 80, QualifiedBonus = 300, CommissionRate = 0.06m },
                    new() { Name = "Silver", MinSourcedRevenue = 100_000, MinQualifiedReferrals = 5, UpfrontBonus = 120, QualifiedBonus = 600, CommissionRate = 0.09m },
                    new() { Name = "Platinum", MinSourcedRevenue = 400_000, MinQualifiedReferrals = 15, UpfrontBonus = 200, QualifiedBonus = 900, CommissionRate = 0.12m },
                ],
            },
        };
        return w;
    }

    [Fact]
    public void EachReward_IsPaidAtTheTableInForceOnTheDayItWasEarned()
    {
        // P1 is Registered throughout. R0 (2024-12-31) is before the oldest table's day: the oldest table covers it.
        // R1 decided 2025-06-30 23:59:59 → old 50; R2 decided 2025-07-01 00:00:00 → new 80; O1 closed 2025-06-30 → 5 %,
        // O2 closed 2025-07-01 → 6 % of 10,000; the won deals qualify R1 and R2 at their close: 250 old, 300 new.
        using var w = Program();
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com").Account("C", "Gamma", "c.com")
         .Referral("R0", "P1", "2024-12-20", "Gamma", domain: "c.com", status: "accepted", decided: "2024-12-31")
         .Referral("R1", "P1", "2025-06-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-06-30 23:59:59")
         .Referral("R2", "P1", "2025-06-02", "Beta", domain: "b.com", status: "accepted", decided: "2025-07-01 00:00:00")
         .Opportunity("O1", "A", "2025-06-05", "won", "2025-06-30 12:00:00", 10000m, stage: "Discovery")
         .Opportunity("O2", "B", "2025-06-06", "won", "2025-07-01 12:00:00", 10000m, stage: "Discovery");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "upfront:R0 | Registered | NULL | 50.00",
            "commission:O1:P1 | Registered | 0.050000 | 500.00",
            "milestone:R1 | Registered | NULL | 250.00",
            "upfront:R1 | Registered | NULL | 50.00",
            "upfront:R2 | Registered | NULL | 80.00",
            "commission:O2:P1 | Registered | 0.060000 | 600.00",
            "milestone:R2 | Registered | NULL | 300.00",
        ], w.Lines("SELECT reward_id, tier, rate, amount FROM fct_rewards ORDER BY earned_at, reward_id"));
    }

    [Fact]
    public void ATierHeldAcrossTheChange_SplitsItsSpanOnTheDay_AndATierTheNewTableDropped_GetsItsLowestTerms()
    {
        // P1 is Gold from 2025-03-01; the new table has no Gold, so from 2025-07-01 the portal's "Gold" is unknown to it:
        // the lowest tier's new terms apply (D43) and data quality reports the partner's tier.
        using var w = Program();
        w.Partner("P1", signed: Signed, tier: "Gold").PartnerTier("P1", "Gold", "2025-03-01")
         .Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2025-06-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-06-15")
         .Referral("R2", "P1", "2025-06-02", "Beta", domain: "b.com", status: "accepted", decided: "2025-07-15");
        w.Build("2025-12-31");
        Assert.Equal(
        [
            "NULL | 2025-07-01 | Gold | Gold | false | 150.000000 | 2025-01-01",
            "2025-07-01 | NULL | Gold | Registered | true | 80.000000 | 2025-07-01",
        ], w.Lines("SELECT CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR), assigned_tier, tier, is_unknown_tier, upfront_bonus, CAST(terms_from AS VARCHAR) FROM int_partner_tiers ORDER BY valid_from NULLS FIRST"));
        Assert.Equal(["upfront:R1 | Gold | 150.00", "upfront:R2 | Registered | 80.00"],
            w.Lines("SELECT reward_id, tier, amount FROM fct_rewards ORDER BY earned_at"));
        Assert.Equal(
        [
            "portal/partners | P1 | tier 'Gold' is not in rewards.tiers; the lowest tier's terms apply",
        ], w.Lines("SELECT entity, entity_id, detail FROM fct_data_quality WHERE \"check\" = 'unknown_tier'"));
    }

    [Fact]
    public void TierRecommendations_UseTheTableInForceNow()
    {
        // P1 is Platinum (a tier only the new table has) and earns nothing: the move is down to the new table's lowest
        using var w = Program();
        w.Partner("P1", signed: Signed, tier: "Platinum");
        w.Build("2025-12-31");
        // known to the current table (an unknown name would be reported first in the reason)
        Assert.Equal("Platinum | Registered | down | false",
            w.Scalar("SELECT assigned_tier || ' | ' || recommended_tier || ' | ' || move || ' | ' || (reason LIKE 'assigned tier%') FROM tier_recommendations"));
        Assert.EndsWith("→ down from Platinum to Registered", w.Scalar("SELECT reason FROM tier_recommendations"));
    }
}

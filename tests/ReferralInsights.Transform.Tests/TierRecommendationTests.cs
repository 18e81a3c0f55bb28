using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §12 tier recommendations (D64, D65): trailing twelve months to as_of 2026-06-30, i.e. UTC dates
/// 2025-07-01 … 2026-06-30; thresholds of the example tiers (Silver $100,000 / 5, Gold $400,000 / 15).</summary>
public class TierRecommendationTests
{
    private static TestWarehouse Program()
    {
        var w = new TestWarehouse().WithExampleRewards();
        var n = 0;
        // a referral of the partner sourcing one opportunity on its own account, qualified at `created` (stage
        // Qualified, or Closed Won when won)
        void Qualified(string partner, string created, decimal? wonAmount = null, string? closed = null)
        {
            var id = $"{partner}-{++n}";
            w.Account("A" + id, "Company " + id, id + ".com")
             .Referral("R" + id, partner, created, "Company " + id, domain: id + ".com")
             .Opportunity("O" + id, "A" + id, created, wonAmount is null ? "open" : "won", closed, wonAmount,
                 stage: wonAmount is null ? "Qualified" : "Closed Won");
        }
        w.Partner("P1", signed: Signed, tier: "Silver").Partner("P2", signed: Signed).PartnerTier("P2", "Gold", "2025-01-01")
         .Partner("P3", signed: Signed, tier: "Silver").Partner("P4", signed: Signed, status: "suspended", statusSince: "2025-01-01");
        // P1: 15 open qualified + 1 won for 412,300 in the window = 16 qualified; a deal qualified and won on 2025-06-30
        //     (exactly one year before as_of) is outside the window
        for (var i = 0; i < 15; i++) Qualified("P1", "2025-09-01");
        Qualified("P1", "2025-07-01", 412300m, "2026-06-30 23:59:59");
        Qualified("P1", "2025-06-30", 1000000m, "2025-06-30 12:00:00");
        // P2: 2 open + 1 won for 80,000 → 3 qualified
        for (var i = 0; i < 2; i++) Qualified("P2", "2025-10-01");
        Qualified("P2", "2025-10-01", 80000m, "2025-12-01");
        // P3: 5 open + 1 won for 150,000.50 → 6 qualified
        for (var i = 0; i < 5; i++) Qualified("P3", "2025-11-01");
        Qualified("P3", "2025-11-01", 150000.50m, "2026-01-15");
        w.Build("2026-06-30");
        return w;
    }

    [Fact]
    public void NextTier_SaysWhatTheRecommendedTierLacks_AndNothingAboveTheHighest()
    {
        using var w = Program();
        Assert.Equal(
        [
            "P1 | Gold | NULL | NULL | NULL",
            // 100,000 − 80,000 and 5 − 3
            "P2 | Registered | Silver | 20000.00 | 2",
            // 400,000 − 150,000.50 and 15 − 6
            "P3 | Silver | Gold | 249999.50 | 9",
            "P4 | Registered | Silver | 100000.00 | 5",
        ], w.Lines("""
            SELECT partner_id, recommended_tier, next_tier, revenue_to_next_tier, qualified_to_next_tier
            FROM tier_recommendations ORDER BY partner_id
            """));
    }

    [Fact]
    public void Recommendations_UpDownKeep_WithAReasonAProgramOwnerCanRead()
    {
        using var w = Program();
        Assert.Equal(
        [
            // both Gold thresholds met → up from the assigned Silver
            "P1 | Silver | Gold | up | 412300.00 | 16 | trailing revenue $412,300 ≥ Gold's $400,000 and 16 qualified ≥ 15 → up from Silver to Gold",
            // assigned Gold through partner_tiers (D42 at as_of); below Silver on both counts → down
            "P2 | Gold | Registered | down | 80000.00 | 3 | trailing revenue $80,000 ≥ Registered's $0 and 3 qualified ≥ 0; " +
                "below Silver: revenue $80,000 < $100,000 and 3 qualified < 5 → down from Gold to Registered",
            // Silver met, Gold not: keep, with cents shown when there are any
            "P3 | Silver | Silver | keep | 150000.50 | 6 | trailing revenue $150,000.50 ≥ Silver's $100,000 and 6 qualified ≥ 5; " +
                "below Gold: revenue $150,000.50 < $400,000 and 6 qualified < 15 → keep Silver",
            // any status gets a row (D65)
            "P4 | Registered | Registered | keep | 0.00 | 0 | trailing revenue $0 ≥ Registered's $0 and 0 qualified ≥ 0; " +
                "below Silver: revenue $0 < $100,000 and 0 qualified < 5 → keep Registered",
        ], w.Lines("""
            SELECT partner_id, assigned_tier, recommended_tier, move, trailing_sourced_revenue, trailing_qualified, reason
            FROM tier_recommendations ORDER BY partner_id
            """));
    }
}

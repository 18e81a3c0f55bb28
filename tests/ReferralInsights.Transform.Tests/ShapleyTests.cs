using ReferralInsights.Transform.Attribution;

namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §5 shapley (D27, D28): the Shapley function on games given directly, the normalisation, and the
/// games the warehouse builds from observed and shrunk win rates — every number worked by hand in the comments.</summary>
public class ShapleyTests
{
    // The textbook glove game checks the Shapley formula itself: players 0 and 1 own a left glove, player 2 a right
    // glove; a coalition is worth 1 iff it holds a pair. φ = (1/6, 1/6, 2/3).
    [Fact]
    public void Compute_GloveGame_OneSixthOneSixthTwoThirds()
    {
        var values = ShapleyValues.Compute(3, mask => (mask & 0b011) != 0 && (mask & 0b100) != 0 ? 1m : 0m);
        Assert.Equal([1m / 6, 1m / 6, 2m / 3], values);
        var (credits, isLinear) = ShapleyCredits.FromValues(values);
        Assert.False(isLinear);
        Assert.Equal([0.166666666666666667m, 0.166666666666666667m, 0.666666666666666667m], credits);
    }

    // Efficiency and symmetry on an additive game: each player's value is its own worth, whatever the order.
    [Fact]
    public void Compute_AdditiveGame_EachPlayerGetsItsOwnWorth()
    {
        decimal[] own = [0.1m, 0.25m, 0.4m, 0.05m];
        var values = ShapleyValues.Compute(4, mask => Enumerable.Range(0, 4).Where(i => (mask & (1 << i)) != 0).Sum(i => own[i]));
        Assert.Equal(own, values);
    }

    // D28: a negative value is clipped to 0 before normalising; when nothing is positive the credit is linear.
    [Fact]
    public void FromValues_ClipsNegatives_AndFallsBackToLinear()
    {
        var (clipped, clippedIsLinear) = ShapleyCredits.FromValues([0.3m, -0.1m, 0.1m]);
        Assert.Equal([0.75m, 0m, 0.25m], clipped);
        Assert.False(clippedIsLinear);
        var (linear, isLinear) = ShapleyCredits.FromValues([-0.3m, 0m, -0.1m]);
        Assert.Equal([0.333333333333333333m, 0.333333333333333333m, 0.333333333333333333m], linear);
        Assert.True(isLinear);
    }

    [Fact]
    public void Compute_MoreThanTenPlayers_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShapleyValues.Compute(11, _ => 0m));

    // The evidence of every warehouse game below, all referrals 60 days before their opportunity (P1 and P2 refer
    // O6 at the same instant, so P1 is primary by partner_id in the default reward model):
    //   O1 (A1) sourced by P1 alone, won;  O2 (A2) by P1 alone, lost;  O3 (A3) by P2 alone, lost;
    //   O4 (A4) and O5 (A5) no partner, won and lost;  O6 (A6) sourced by P1 and P2: the game to play.
    // Closed: O1..O5 → r0 = 2/5 = 0.4 (O6 counts too once it is closed, D27).
    private static TestWarehouse Program(string o6Status = "open", int minSupport = 10)
    {
        var w = new TestWarehouse();
        w.Config = w.Config with { Attribution = w.Config.Attribution with { ShapleyMinSupport = minSupport } };
        w.Partner("P1").Partner("P2");
        (string Opp, string Status, string[] Partners)[] opps =
        [
            ("O1", "won", ["P1"]), ("O2", "lost", ["P1"]), ("O3", "lost", ["P2"]),
            ("O4", "won", []), ("O5", "lost", []), ("O6", o6Status, ["P1", "P2"]),
        ];
        foreach (var (opp, status, partners) in opps)
        {
            var n = opp[1..];
            w.Account("A" + n, "Company " + n, $"c{n}.com")
             .Opportunity(opp, "A" + n, "2025-03-01", status, status == "open" ? null : "2025-04-01", 100m);
            foreach (var p in partners) w.Referral($"R{n}{p}", p, "2024-12-31", "Company " + n, domain: $"c{n}.com");
        }
        return w;
    }

    private static List<string> Shapley(TestWarehouse w, string opportunity = "O6") =>
        w.Lines($"""
            SELECT partner_id, CAST(credit AS VARCHAR), role, decision FROM fct_attribution
            WHERE model = 'shapley' AND opportunity_id = '{opportunity}' ORDER BY partner_id
            """);

    // No coalition has 10 closed opportunities: every v(S) comes from the shrunk solo rates.
    //   r1 = (1 + 5·0.4)/(2 + 5) = 3/7,  r2 = (0 + 5·0.4)/(1 + 5) = 1/3
    //   v{1} = 3/7, v{2} = 1/3, v{1,2} = 1 − (4/7)(2/3) = 13/21
    //   φ1 = ½·3/7 + ½·(13/21 − 1/3) = 5/14,  φ2 = ½·1/3 + ½·(13/21 − 3/7) = 11/42,  Σ = 13/21
    //   credits 15/26 = 0.576923076923076923|08… and 11/26 = 0.423076923076923076|92… (rounded up)
    [Fact]
    public void Warehouse_FallbackGame_ShrunkSoloRates()
    {
        using var w = Program();
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "P1 | 0.576923076923076923 | primary | Shapley value φ = 0.357143, normalised over 2 sourcing partners; v(S) observed for 0 of 3 coalitions, shrunk solo rates otherwise",
            "P2 | 0.423076923076923077 | co | Shapley value φ = 0.261905, normalised over 2 sourcing partners; v(S) observed for 0 of 3 coalitions, shrunk solo rates otherwise",
        ], Shapley(w));
        Assert.Equal(["O6 | P1 | 0.357142857142857143 | shapley", "O6 | P2 | 0.261904761904761905 | shapley"],
            w.Lines("SELECT opportunity_id, partner_id, CAST(shapley_value AS VARCHAR), method FROM int_shapley_credits WHERE opportunity_id = 'O6' ORDER BY 2"));
        // a single sourcing partner gets everything
        Assert.Equal(["P1 | 1.000000000000000000 | primary | only sourcing partner"], Shapley(w, "O1"));
    }

    // The min-support switch (≥): {P1} has exactly 2 closed opportunities. With shapley_min_support 3 it falls back
    // (the numbers above); with 2 its observed win rate 1/2 is used, while {P2} (1 closed) and {P1,P2} (none closed)
    // still come from the shrunk rates 3/7 and 1/3:
    //   v{1} = 1/2, v{2} = 1/3, v{1,2} = 13/21
    //   φ1 = ½·1/2 + ½·(13/21 − 1/3) = 11/28,  φ2 = ½·1/3 + ½·(13/21 − 1/2) = 19/84,  Σ = 13/21
    //   credits 33/52 = 0.634615384615384615|38… and 19/52 = 0.365384615384615384|61… (rounded up)
    [Fact]
    public void Warehouse_MinSupport_SwitchesAnObservedCoalitionOn()
    {
        using (var w = Program(minSupport: 3))
        {
            w.Build("2025-06-30");
            Assert.Equal(["P1 | 0.576923076923076923", "P2 | 0.423076923076923077"], Shapley(w).Select(l => l[..25]));
        }
        using (var w = Program(minSupport: 2))
        {
            w.Build("2025-06-30");
            Assert.Equal(
            [
                "P1 | 0.634615384615384615 | primary | Shapley value φ = 0.392857, normalised over 2 sourcing partners; v(S) observed for 1 of 3 coalitions, shrunk solo rates otherwise",
                "P2 | 0.365384615384615385 | co | Shapley value φ = 0.226190, normalised over 2 sourcing partners; v(S) observed for 1 of 3 coalitions, shrunk solo rates otherwise",
            ], Shapley(w));
        }
    }

    // D27: the credited opportunity's own outcome is evidence. With support 1 every coalition is observed; O6 won:
    //   v{1} = 1/2, v{2} = 0/1 = 0, v{1,2} = 1/1 = 1  →  φ1 = ½·1/2 + ½·1 = 3/4, φ2 = ½·0 + ½·(1 − 1/2) = 1/4
    [Fact]
    public void Warehouse_ObservedRates_IncludeTheOpportunityItself()
    {
        using var w = Program(o6Status: "won", minSupport: 1);
        w.Build("2025-06-30");
        Assert.Equal(["P1 | 0.750000000000000000", "P2 | 0.250000000000000000"], Shapley(w).Select(l => l[..25]));
    }

    // D28 in the warehouse: O6 lost with support 1 → v{1,2} = 0, so φ2 = ½·0 + ½·(0 − 1/2) = −1/4 is clipped to 0
    // and P1 (φ1 = ½·1/2 + ½·(0 − 0) = 1/4) gets everything.
    [Fact]
    public void Warehouse_NegativeValue_ClippedToZero()
    {
        using var w = Program(o6Status: "lost", minSupport: 1);
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "P1 | 1.000000000000000000 | primary | Shapley value φ = 0.250000, normalised over 2 sourcing partners; v(S) observed for 3 of 3 coalitions, shrunk solo rates otherwise",
            "P2 | 0.000000000000000000 | co | Shapley value φ = -0.250000 clipped to 0, normalised over 2 sourcing partners; v(S) observed for 3 of 3 coalitions, shrunk solo rates otherwise",
        ], Shapley(w));
    }

    // rules.md §5: more than 10 sourcing partners → linear, 1/11 each (0.090909090909090909|09…).
    [Fact]
    public void Warehouse_ElevenPartners_Linear()
    {
        using var w = new TestWarehouse();
        w.Account("A", "Alpha", "a.com").Opportunity("O1", "A", "2025-03-01");
        for (var i = 10; i <= 20; i++) w.Partner($"P{i}").Referral($"R{i}", $"P{i}", "2025-02-01", "Alpha", domain: "a.com");
        w.Build("2025-06-30");
        var rows = Shapley(w, "O1");
        Assert.Equal(11, rows.Count);
        Assert.All(rows, r => Assert.EndsWith("| 0.090909090909090909 | " + (r.StartsWith("P10", StringComparison.Ordinal) ? "primary" : "co")
            + " | linear: 11 sourcing partners, more than 10", r));
    }

    // reward_model: shapley carries the disputes: P3 (no touch) is given 0.5 by a resolved dispute and the observed
    // Shapley credits 0.75 / 0.25 of the game above are scaled to fill the other half: 0.375 / 0.125.
    [Fact]
    public void Warehouse_ShapleyAsRewardModel_ResolvedDisputeRescalesTheOthers()
    {
        using var w = Program(o6Status: "won", minSupport: 1);
        w.Config = w.Config with { Attribution = w.Config.Attribution with { RewardModel = "shapley" } };
        w.Partner("P3").Dispute("D1", "O6", "P3", "2025-05-01", "resolved", share: 0.5m, resolved: "2025-05-10");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "P1 | 0.375000000000000000 | co | pre-dispute credit 0.75 scaled to fill 1 - 0.5 after dispute D1",
            "P2 | 0.125000000000000000 | co | pre-dispute credit 0.25 scaled to fill 1 - 0.5 after dispute D1",
            "P3 | 0.500000000000000000 | primary | dispute D1 resolved 2025-05-10 00:00:00: resolution share 0.5",
        ], Shapley(w));
        Assert.Equal("co_referral", w.Scalar("SELECT attribution_class FROM fct_opportunities WHERE opportunity_id = 'O6'"));
    }
}

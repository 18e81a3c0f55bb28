using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>Lead scores enter the warehouse through one attached input (<see cref="Warehouse.LeadScoresInput"/>) and feed
/// fct_referrals.lead_score, the lead_scores mart and the upfront quality gate of rules.md §7.</summary>
public sealed class LeadScoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ri-scores-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Three accepted referrals of one partner; the gate is 0.5.
    private static TestWarehouse GatedProgram()
    {
        var w = new TestWarehouse().WithExampleRewards();
        w.Config = w.Config with { Rewards = w.Config.Rewards with { QualityGate = w.Config.Rewards.QualityGate with { MinLeadScore = 0.5 } } };
        w.Partner("P1", signed: Signed).Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com").Account("C", "Gamma", "c.com")
         .Referral("R1", "P1", "2025-01-01", "Alpha", domain: "a.com", status: "accepted", decided: "2025-01-02")
         .Referral("R2", "P1", "2025-01-03", "Beta", domain: "b.com", status: "accepted", decided: "2025-01-04")
         .Referral("R3", "P1", "2025-01-05", "Gamma", domain: "c.com", status: "accepted", decided: "2025-01-06");
        return w;
    }

    // R1 below the gate, R2 exactly at it ("at least"), R3 above.
    private string Scores(TestWarehouse w)
    {
        var file = Path.Combine(_dir, "scores.parquet");
        w.Exec($"""
            COPY (SELECT * FROM (VALUES ('R1', 0.49, 'v1', 'budget_confirmed=no (-0.800)'),
                                        ('R2', 0.5, 'v1', 'budget_confirmed=yes (+0.100)'),
                                        ('R3', 0.93, 'v1', 'icp_size_fit=1 (+1.200)'))
                  AS t(referral_id, score, model_version, top_factors)) TO '{file}' (FORMAT parquet)
            """);
        return file;
    }

    [Fact]
    public void QualityGate_ScoreBelowMinimum_NoUpfront_AtOrAboveMinimum_Payable()
    {
        using var w = GatedProgram();
        Warehouse.AttachLeadScores(w.Connection, Scores(w));
        w.Build("2025-12-31");

        Assert.Equal(["upfront:R2 | 50.00 | payable | NULL", "upfront:R3 | 50.00 | payable | NULL"],
            w.Lines("SELECT reward_id, amount, status, reason FROM fct_rewards ORDER BY reward_id"));
        Assert.Equal(["R1 | 0.49", "R2 | 0.5", "R3 | 0.93"], w.Lines("SELECT referral_id, lead_score FROM fct_referrals ORDER BY 1"));
        Assert.Equal(["R1 | 0.49 | v1 | budget_confirmed=no (-0.800)", "R2 | 0.5 | v1 | budget_confirmed=yes (+0.100)",
                      "R3 | 0.93 | v1 | icp_size_fit=1 (+1.200)"],
            w.Lines("SELECT referral_id, score, model_version, top_factors FROM lead_scores ORDER BY 1"));
    }

    // Without attached scores the input exists empty: no lead_scores rows, and the gate withholds as pending (D44).
    [Fact]
    public void NoScoresAttached_EmptyLeadScores_UpfrontsWithheldPending()
    {
        using var w = GatedProgram();
        w.Build("2025-12-31");
        Assert.Equal("0", w.Scalar("SELECT count(*) FROM lead_scores"));
        Assert.Equal(["upfront:R1 | withheld | quality_gate", "upfront:R2 | withheld | quality_gate", "upfront:R3 | withheld | quality_gate"],
            w.Lines("SELECT reward_id, status, reason FROM fct_rewards ORDER BY reward_id"));
    }

    // `--only model` builds once with the published scores, then rebuilds what reads the new ones: same marts as a build
    // with the new scores attached from the start.
    [Fact]
    public void BuildScoreReaders_AfterAFullBuild_SameRewardsAsAFullBuildWithScores()
    {
        using var w = GatedProgram();
        w.Build("2025-12-31");
        var result = Warehouse.BuildScoreReaders(w.Connection, Scores(w));

        using var full = GatedProgram();
        Warehouse.AttachLeadScores(full.Connection, Scores(full));
        full.Build("2025-12-31");

        var rebuilt = result.Models.Select(m => m.Name).ToArray();
        Assert.Contains("int_lead_scores", rebuilt);
        Assert.Contains("lead_scores", rebuilt);
        Assert.Contains("fct_referrals", rebuilt);
        Assert.Contains("fct_rewards", rebuilt);
        Assert.DoesNotContain("fct_attribution", rebuilt);
        Assert.DoesNotContain("stg_portal__referrals", rebuilt);
        const string rewards = "SELECT reward_id, amount, status, reason FROM fct_rewards ORDER BY reward_id";
        Assert.Equal(full.Lines(rewards), w.Lines(rewards));
        Assert.Equal(2, w.Lines(rewards).Count);
    }

    // A run builds what does not read the scores, trains and scores on fct_referral_features, then builds the readers:
    // every mart as a build with the scores attached from the start, each model built once.
    [Fact]
    public void BuildBeforeScoresThenScoreReaders_SameMartsAsAFullBuildWithScores()
    {
        using var w = GatedProgram();
        var before = Warehouse.BuildBeforeScores(w.Connection, w.Config, DateOnly.Parse("2025-12-31"));
        var readers = Warehouse.BuildScoreReaders(w.Connection, Scores(w));

        using var full = GatedProgram();
        Warehouse.AttachLeadScores(full.Connection, Scores(full));
        var all = full.Build("2025-12-31");

        Assert.Contains("fct_referral_features", before.Models.Select(m => m.Name));
        Assert.DoesNotContain("fct_rewards", before.Models.Select(m => m.Name));
        Assert.Equal(0, before.DataTestsPassed);
        Assert.Equal(all.Models.Select(m => m.Name).Order(), before.Models.Concat(readers.Models).Select(m => m.Name).Order());
        Assert.Equal(all.DataTestsPassed, readers.DataTestsPassed);
        foreach (var mart in Warehouse.MartNames)
            Assert.Equal(full.Lines($"SELECT * FROM {mart} ORDER BY ALL"), w.Lines($"SELECT * FROM {mart} ORDER BY ALL"));
    }

    // Every model that reads the scores comes after what it depends on, and nothing upstream is rebuilt.
    [Fact]
    public void ReadersOf_LeadScoresInput_StartsAtItsReadersInBuildOrder()
    {
        var readers = ModelCatalog.ReadersOf(Warehouse.LeadScoresInput).Select(m => m.Name).ToList();
        var order = ModelCatalog.Ordered.Select(m => m.Name).ToList();
        Assert.Equal("int_lead_scores", readers[0]);
        Assert.Equal(readers.OrderBy(order.IndexOf), readers);
        Assert.True(readers.IndexOf("int_reward_candidates") > readers.IndexOf("int_lead_scores"));
        Assert.DoesNotContain("fct_referral_features", readers);
    }
}

namespace ReferralInsights.Config.Tests;

/// <summary>A reward what-if candidate (<c>simulate --rewards</c>) is read by the same loader and rules as pipeline.yaml.</summary>
public class RewardsCandidateTests
{
    private const string OneTier = """
        rewards:
          caps:
            per_deal: 5000
          tiers:
            - name: Registered
              commission_rate: 0.07
        """;

    [Fact]
    public void LoadRewardsCandidate_ValidSection_GivesItsTerms()
    {
        using var folder = new TempFolder();
        var rewards = ConfigLoader.LoadRewardsCandidate(folder.Write("candidate.yaml", OneTier));

        Assert.Equal(5000m, rewards.Caps.PerDeal);
        Assert.Null(rewards.Caps.PerPartnerPerYear);
        Assert.Equal("Registered", Assert.Single(rewards.Tiers).Name);
        Assert.Equal(0.07m, rewards.Tiers[0].CommissionRate);
    }

    // The error names the candidate file, the line and column of the key, and the rule it breaks.
    [Fact]
    public void LoadRewardsCandidate_RateAboveOne_ReportsFileLineColumnAndKey()
    {
        using var folder = new TempFolder();
        var path = folder.Write("candidate.yaml", OneTier.Replace("commission_rate: 0.07", "commission_rate: 1.5"));

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadRewardsCandidate(path));

        Assert.StartsWith($"{path}:6:7: rewards.tiers[0].commission_rate: ", error.Message);
        Assert.Single(error.Errors);
    }

    // Only the rewards are replayed; another section in the candidate would silently do nothing, so it is an error.
    [Fact]
    public void LoadRewardsCandidate_OtherSection_IsAnErrorAtThatKey()
    {
        using var folder = new TempFolder();
        var path = folder.Write("candidate.yaml", "economics:\n  gross_margin: 0.5\n" + OneTier);

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadRewardsCandidate(path));

        Assert.Equal($"{path}:1:1: economics: a rewards candidate holds only a rewards: section (the rest comes from pipeline.yaml)", error.Message);
    }

    [Fact]
    public void LoadRewardsCandidate_WithoutTiers_IsAnError()
    {
        using var folder = new TempFolder();
        var path = folder.Write("candidate.yaml", "rewards:\n  assist_bonus: 100\n");

        var error = Assert.Throws<ConfigException>(() => ConfigLoader.LoadRewardsCandidate(path));

        Assert.Equal($"{path}:1:1: rewards.tiers: a rewards candidate lists its tiers (lowest first), even unchanged ones", error.Message);
    }
}

using static ReferralInsights.Config.Tests.TestFiles;

namespace ReferralInsights.Config.Tests;

/// <summary>rewards.effective_from and rewards.earlier_terms: dated tier tables, each checked like rewards.tiers.</summary>
public class DatedTermsConfigTests
{
    private const string Tiers = """
        rewards:
          effective_from: 2026-07-01
          tiers:
            - name: Registered
              commission_rate: 0.06
          earlier_terms:
            - effective_from: 2025-01-01
              tiers:
                - name: Registered
                  commission_rate: 0.05
        """;

    [Fact]
    public void TermVersions_AreOldestFirst_EachUntilTheNextOnesDay()
    {
        var versions = Parse(Tiers).Rewards.TermVersions();
        Assert.Equal(["2025-01-01..2026-07-01 0.05", "2026-07-01.. 0.06"],
            versions.Select(v => $"{v.From:yyyy-MM-dd}..{v.To:yyyy-MM-dd} {v.Tiers[0].CommissionRate}"));
    }

    [Fact]
    public void WithoutDates_OneTableAppliesAlways()
    {
        var (from, to, tiers) = Assert.Single(Parse("rewards:\n  tiers:\n    - name: Registered\n").Rewards.TermVersions());
        Assert.Equal((null, null, "Registered"), (from, to, tiers[0].Name));
    }

    [Theory]
    [InlineData("  effective_from: 2026-07-01\n", "", "rewards.effective_from: required with rewards.earlier_terms: the day the current tiers replaced them")]
    [InlineData("effective_from: 2025-01-01", "effective_from: 2026-07-01", "7:7: rewards.earlier_terms[0].effective_from: must be before rewards.effective_from (2026-07-01): earlier terms came before the current ones")]
    [InlineData("effective_from: 2026-07-01", "effective_from: 1 July 2026", "2:3: rewards.effective_from: '1 July 2026' is not a day; write it as YYYY-MM-DD, e.g. 2026-07-01")]
    [InlineData("commission_rate: 0.05", "commission_rate: 5", "10:11: rewards.earlier_terms[0].tiers[0].commission_rate: must be between 0 and 1 (0.05 = 5 % of the credited revenue)")]
    public void ABadEarlierTable_IsAnErrorAtItsKey(string from, string to, string expected)
    {
        var e = ParseFails(Tiers.Replace(from, to));
        Assert.EndsWith(expected, e.Message);
        Assert.StartsWith("pipeline.yaml:", e.Message);
    }
}

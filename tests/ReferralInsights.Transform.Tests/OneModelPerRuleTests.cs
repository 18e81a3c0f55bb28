using DuckDB.NET.Data;
using ReferralInsights.Config;

namespace ReferralInsights.Transform.Tests;

/// <summary>A rule lives in one model: each data-quality check in <c>int_dq__&lt;check&gt;</c>, each compliance rule in
/// <c>int_flag__&lt;rule&gt;</c>, each attribution model in <c>int_credit__&lt;model&gt;</c>, each named once (a seed, or the
/// config's model list), and the model that gathers them reads every one. The compliance flags are decided before the
/// rewards they withhold.</summary>
public class OneModelPerRuleTests
{
    private static IReadOnlyList<string> SeedColumn(string seed, string column)
    {
        var model = (SqlModel)ModelCatalog.Ordered.Single(m => m.Name == seed);
        using var conn = new DuckDBConnection("DataSource=:memory:");
        conn.Open();
        using var command = conn.CreateCommand();
        command.CommandText = $"SELECT \"{column}\" FROM ({model.Select}) ORDER BY 1";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read()) values.Add(reader.GetString(0));
        return values;
    }

    private static IReadOnlyList<string> ModelsNamed(string prefix) =>
        ModelCatalog.Ordered.Where(m => m.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(m => m.Name[prefix.Length..]).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void EveryDataQualityCheckHasItsOwnModel_AndTheMartReadsEachOfThem()
    {
        var checks = SeedColumn("seed_dq_checks", "check");
        Assert.Equal(18, checks.Count);
        Assert.Equal(checks, ModelsNamed("int_dq__"));
        var mart = ModelCatalog.Ordered.Single(m => m.Name == "fct_data_quality");
        Assert.Equal(checks.Select(c => "int_dq__" + c).Append("seed_dq_checks").Order(StringComparer.Ordinal), mart.DependsOn);
    }

    [Fact]
    public void EveryComplianceRuleHasItsOwnModel_AndTheFlagsReadEachOfThem()
    {
        var rules = SeedColumn("seed_compliance_rules", "rule");
        Assert.Equal(["click_burst", "duplicate_submission", "ineligible_partner", "late_claim", "restricted_industry", "self_referral"], rules);
        Assert.Equal(rules, ModelsNamed("int_flag__"));
        var flags = ModelCatalog.Ordered.Single(m => m.Name == "int_compliance_flags");
        Assert.Equal(rules.Select(r => "int_flag__" + r).Append("seed_compliance_rules").Order(StringComparer.Ordinal), flags.DependsOn);
    }

    // The loop compliance → rewards → compliance is gone: no flag depends, directly or not, on a model that withholds
    // rewards, so whether a flag exists never waits on the rewards it decides.
    [Fact]
    public void ComplianceFlags_DependOnNoRewardDecision()
    {
        var byName = ModelCatalog.Ordered.ToDictionary(m => m.Name);
        var upstream = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(["int_compliance_flags"]);
        while (pending.TryPop(out var name))
            foreach (var d in byName[name].DependsOn)
                if (upstream.Add(d)) pending.Push(d);
        Assert.Contains("int_reward_terms", upstream);
        Assert.Empty(upstream.Intersect(["int_reward_withholding", "int_reward_flag_cover", "int_reward_candidates", "int_reward_annual_caps",
            "int_rewards", "fct_rewards"]));
    }

    [Fact]
    public void EveryAttributionModelHasItsOwnModel_AndTheCreditsReadEachOfThem()
    {
        var models = AttributionOptions.ModelNames.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(7, models.Count);
        Assert.Equal(models, ModelsNamed("int_credit__"));
        var credits = ModelCatalog.Ordered.Single(m => m.Name == "int_model_credits");
        Assert.Equal(models.Select(m => "int_credit__" + m).Append("int_sourcing_ranks").Order(StringComparer.Ordinal), credits.DependsOn);
    }
}

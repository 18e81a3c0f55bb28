using DuckDB.NET.Data;

namespace ReferralInsights.Transform.Tests;

/// <summary>A rule lives in one model: each data-quality check in <c>int_dq__&lt;check&gt;</c>, named once in
/// <c>seed_dq_checks</c>, and the mart that gathers them reads every one.</summary>
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
}

namespace ReferralInsights.Transform.Tests;

/// <summary>The model runner: discovery, ordering by layer then dependency, cycle and layer errors.</summary>
public class ModelCatalogTests
{
    [Fact]
    public void Ordered_EmbeddedModels_LayersInOrderAndDependenciesFirst()
    {
        var models = ModelCatalog.Ordered;
        var position = models.Select((m, i) => (m.Name, i)).ToDictionary(x => x.Name, x => x.i);
        Assert.Equal(models.Select(m => m.Layer).OrderBy(l => ModelCatalog.Layers.ToList().IndexOf(l)), models.Select(m => m.Layer));
        foreach (var m in models)
        foreach (var d in m.DependsOn)
            Assert.True(position[d] < position[m.Name], $"{m.Name} runs before its dependency {d}");
        // the contract marts are all there
        Assert.Equal([], new[]
        {
            "fct_attribution", "fct_compliance_flags", "fct_data_quality", "fct_dispute_stats", "fct_leadership_comparisons", "fct_opportunities",
            "fct_partner_metrics", "fct_program_metrics", "fct_reconciliation", "fct_reconciliation_partner_totals", "fct_referrals", "fct_rewards",
            "fct_touches", "tier_recommendations", "dim_partners",
        }.Except(Warehouse.MartNames));
        // the code models run after what they read
        Assert.Contains(models, m => m is CodeModel { Name: "int_shapley_credits" });
        Assert.Contains(models, m => m is CodeModel { Name: "int_deal_size_bootstrap" });
    }

    [Fact]
    public void Order_SortsByDependencyInsideALayer_IgnoringComments()
    {
        // b mentions c only in comments (no dependency); a depends on b; c has no dependency
        var ordered = ModelCatalog.Order(
        [
            ("a", "intermediate", "SELECT * FROM b"),
            ("b", "intermediate", "-- reads c? no\nSELECT 1 /* c */ AS x"),
            ("c", "intermediate", "SELECT 2"),
            ("s", "staging", "SELECT 3"),
            ("m", "marts", "SELECT * FROM a JOIN s ON true"),
        ]);
        Assert.Equal(["s", "b", "a", "c", "m"], ordered.Select(m => m.Name));
    }

    // A code model declares what it reads; a SQL model that names it depends on it.
    [Fact]
    public void Order_CodeModels_TakeTheirPlaceByDeclaredDependencies()
    {
        var ordered = ModelCatalog.Order(
            [("int_a", "intermediate", "SELECT 1"), ("int_c", "intermediate", "SELECT * FROM int_b")],
            [new CodeModel("int_b", "intermediate", ["int_a"], _ => { })]);
        Assert.Equal(["int_a", "int_b", "int_c"], ordered.Select(m => m.Name));
        var e = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Order([], [new CodeModel("int_b", "intermediate", ["nothing"], _ => { })]));
        Assert.Contains("depends on nothing, which is no model", e.Message);
    }

    [Fact]
    public void SqlModel_MarkedMaterializedView_BuildsAViewOthersATable()
    {
        using var db = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        db.Open();
        new SqlModel("stg_v", "staging", "-- read again by each reader\n-- materialized: view\nSELECT 1 AS x", []).Build(db);
        new SqlModel("stg_t", "staging", "-- materialized: view is only a marker on a line of its own\nSELECT 2 AS x", []).Build(db);
        using var command = db.CreateCommand();
        command.CommandText = "SELECT string_agg(table_name || '=' || table_type, ', ' ORDER BY table_name) FROM information_schema.tables";
        Assert.Equal("stg_t=BASE TABLE, stg_v=VIEW", command.ExecuteScalar());
        Assert.True(ModelCatalog.Ordered.OfType<SqlModel>().Single(m => m.Name == "stg_clicks__clicks").IsView);
    }

    [Fact]
    public void Order_Cycle_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Order(
            [("x", "intermediate", "SELECT * FROM y"), ("y", "intermediate", "SELECT * FROM x")]));
        Assert.Contains("cycle", e.Message);
    }

    [Fact]
    public void Order_DependencyOnALaterLayer_Throws()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ModelCatalog.Order(
            [("stg_x", "staging", "SELECT * FROM int_y"), ("int_y", "intermediate", "SELECT 1")]));
        Assert.Contains("later layer", e.Message);
    }

    [Fact]
    public void Order_NameAsPartOfAnotherWord_IsNoDependency()
    {
        var ordered = ModelCatalog.Order([("a", "marts", "SELECT * FROM int_b_extra"), ("int_b", "marts", "SELECT * FROM a")]);
        Assert.Equal(["a", "int_b"], ordered.Select(m => m.Name));
    }
}

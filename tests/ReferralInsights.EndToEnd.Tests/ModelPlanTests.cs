using System.Text.Json.Nodes;
using DuckDB.NET.Data;
using ReferralInsights.Config;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.Transform;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>No SQL model runs a nested-loop join between two inputs of data on the sample program: such a join compares
/// every row with every row, which the sample hides and a large program does not (int_attribution's Shapley join once took
/// 31 s of a 48 s medium transform that way). A nested loop against a side of config size (cfg_params, the tier table, the
/// periods: at most <see cref="ConfigSizedRows"/> rows here) stays linear in the data and is allowed.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ModelPlanTests(SampleProgramRun run)
{
    private static readonly string[] NestedLoopJoins = ["NESTED_LOOP_JOIN", "BLOCKWISE_NL_JOIN"];
    private const long ConfigSizedRows = 100;

    [Fact]
    public void NoModel_IsPlannedWithANestedLoopJoin()
    {
        using var conn = BuiltWarehouse();
        var quadratic = ModelCatalog.Ordered.OfType<SqlModel>()
            .Select(m => (m.Name, Joins: QuadraticJoinsIn(conn, m.Select)))
            .Where(m => m.Joins.Count > 0)
            .Select(m => $"{m.Name}: {string.Join(", ", m.Joins)}")
            .ToList();
        Assert.Empty(quadratic);
    }

    // The check sees the join shape it guards against: a LEFT JOIN whose ON clause also tests a column of the left side.
    [Fact]
    public void TheCheck_FindsTheNestedLoopOfAnOuterJoinThatTestsItsLeftSide()
    {
        using var conn = BuiltWarehouse();
        var joins = QuadraticJoinsIn(conn, """
            SELECT * FROM int_sourcing_partners AS sp
            CROSS JOIN (VALUES ('linear'), ('shapley')) AS m(model)
            LEFT JOIN int_shapley_credits AS sh ON m.model = 'shapley' AND sh.opportunity_id = sp.opportunity_id
                                               AND sh.partner_id = sp.partner_id
            """);
        Assert.Single(joins);
        Assert.StartsWith("BLOCKWISE_NL_JOIN of ", joins[0]);
    }

    private DuckDBConnection BuiltWarehouse()
    {
        var conn = new DuckDBConnection("DataSource=:memory:");
        conn.Open();
        Warehouse.AttachRawZone(conn, RawZone.LiveFiles(Path.Combine(run.OutDir, "raw"), Path.Combine(run.OutDir, "state")));
        Warehouse.Build(conn, ConfigLoader.Load(run.ConfigPath).Config, SampleProgramRun.AsOf);
        return conn;
    }

    /// <summary>The nested-loop joins of the query as it runs (EXPLAIN ANALYZE) whose inputs both hold more than
    /// <see cref="ConfigSizedRows"/> rows, as "OPERATOR of m × n rows".</summary>
    private static List<string> QuadraticJoinsIn(DuckDBConnection conn, string select)
    {
        using var command = conn.CreateCommand();
        command.CommandText = "EXPLAIN (ANALYZE, FORMAT JSON) " + select;
        using var reader = command.ExecuteReader();
        reader.Read();
        var found = new List<string>();
        Walk(JsonNode.Parse(reader.GetString(1))!);
        return found;

        void Walk(JsonNode node)
        {
            var children = node["children"]?.AsArray().Select(c => c!).ToList() ?? [];
            var name = node["operator_name"]?.GetValue<string>();
            var inputRows = children.Select(c => c["operator_cardinality"]?.GetValue<long>() ?? 0).ToList();
            if (name is not null && NestedLoopJoins.Contains(name) && inputRows.Count == 2 && inputRows.Min() > ConfigSizedRows)
                found.Add($"{name} of {inputRows[0]} × {inputRows[1]} rows");
            foreach (var child in children) Walk(child);
        }
    }
}

using System.Globalization;
using ReferralInsights.Transform.DataTests;

namespace ReferralInsights.Transform.Tests;

/// <summary>The dbt-style data tests declared beside the marts (sql/marts/*.yml): they run on every build and a broken
/// mart fails it with a message naming the model, the test and up to five offending keys.</summary>
public class DataTestTests
{
    private static TestWarehouse Small()
    {
        var w = new TestWarehouse();
        w.Partner("P1").Partner("P2").Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Opportunity("O1", "A", "2025-03-01").Opportunity("O2", "B", "2025-03-01", "won", "2025-04-01", 10m);
        for (var i = 1; i <= 7; i++) w.Referral($"R{i}", "P1", $"2025-0{i % 2 + 1}-0{i}", $"Company {i}");
        w.Referral("R8", "P1", "2025-02-10", "Alpha", domain: "a.com").Referral("R9", "P2", "2025-02-11", "Alpha", domain: "a.com");
        return w;
    }

    // Every mart the run publishes has its declaration.
    [Fact]
    public void EveryMart_HasDataTests()
    {
        var tested = DataTestSuite.Embedded.Tests.Select(t => t.Model).ToHashSet();
        Assert.Empty(Warehouse.MartNames.Where(m => !tested.Contains(m)));
        Assert.Contains(DataTestSuite.Embedded.Tests, t => t is { Model: "fct_attribution", Name: "credits_sum_to_1_per_sourced_opportunity_and_model" });
    }

    // A good build passes every declared test, and says how many ran.
    [Fact]
    public void Build_CleanData_AllDataTestsPass()
    {
        using var w = Small();
        var result = w.Build("2025-06-30");
        Assert.Equal(DataTestSuite.Embedded.Tests.Count, result.DataTestsPassed);
    }

    // A broken mart (credits no longer summing to 1; every referral twice) fails with every failing test listed, its
    // model, its name and at most five offending keys in ordinal order.
    [Fact]
    public void Run_BrokenMarts_ListsEveryFailingTestWithUpToFiveKeys()
    {
        using var w = Small();
        w.Build("2025-06-30");
        w.Exec("UPDATE fct_attribution SET credit = 0.4 WHERE opportunity_id = 'O1' AND model = 'linear' AND partner_id = 'P1'");
        w.Exec("INSERT INTO fct_referrals SELECT * FROM fct_referrals");
        var e = Assert.Throws<DataTestException>(() => DataTestRunner.Run(w.Connection, DataTestSuite.Embedded));
        Assert.Equal("""
            2 data tests failed:
              fct_attribution › credits_sum_to_1_per_sourced_opportunity_and_model: 1 failing, e.g. O1 | linear
              fct_referrals › unique(referral_id): 9 failing, e.g. R1; R2; R3; R4; R5
            """.ReplaceLineEndings("\n"), e.Message);
    }

    // The build itself runs the tests: a declaration the data breaks (status accepted only 'open', but O2 is won)
    // makes Build throw, so the runner never publishes.
    [Fact]
    public void Build_FailingDeclaration_ThrowsDataTestException()
    {
        using var w = Small();
        var suite = DataTestSuite.Parse([KeyValuePair.Create("fct_opportunities", """
            grain: [opportunity_id]
            columns:
              status: [not_null, {accepted_values: [open]}]
            """)]);
        var e = Assert.Throws<DataTestException>(() =>
            Warehouse.Build(w.Connection, w.Config, DateOnly.Parse("2025-06-30", CultureInfo.InvariantCulture), dataTests: suite));
        Assert.Equal("1 data test failed:\n  fct_opportunities › accepted_values(status): 1 failing, e.g. O2", e.Message);
    }

    // Each kind of test compiles to the SQL it promises: unique, not_null, accepted_values, relationships, expect and
    // failing_keys, on a hand-made table.
    [Fact]
    public void Run_EachTestKind_FindsItsOffendingKeys()
    {
        using var w = new TestWarehouse();
        w.Exec("""
            CREATE TABLE parent AS SELECT * FROM (VALUES ('a'), ('b')) t(id);
            CREATE TABLE child AS SELECT * FROM (VALUES (1, 'a', 'x', 5), (2, 'c', 'y', -1), (2, NULL, 'z', 3), (3, 'b', NULL, 7)) t(id, parent_id, kind, n);
            """);
        var suite = DataTestSuite.Parse([KeyValuePair.Create("child", """
            grain: [id]
            columns:
              kind: [not_null, {accepted_values: [x, y]}]
              parent_id:
                - relationships: {to: parent, field: id}
            expressions:
              - name: n_positive
                expect: n > 0
              - name: total_below_10
                failing_keys: SELECT 'total ' || sum(n) AS key FROM child HAVING sum(n) >= 10
            """)]);
        var e = Assert.Throws<DataTestException>(() => DataTestRunner.Run(w.Connection, suite));
        Assert.Equal([
            "child › unique(id): 1 failing, e.g. 2",
            "child › not_null(kind): 1 failing, e.g. 3",
            "child › accepted_values(kind): 1 failing, e.g. 2",
            "child › relationships(parent_id → parent.id): 1 failing, e.g. 2",
            "child › n_positive: 1 failing, e.g. 2",
            "child › total_below_10: 1 failing, e.g. total 14",
        ], e.Failures.Select(f => f.ToString()));
    }

    // A test whose SQL cannot run is a failure naming the test, not a crash that hides the others.
    [Fact]
    public void Run_TestThatCannotRun_IsReportedWithTheOthers()
    {
        using var w = new TestWarehouse();
        w.Exec("CREATE TABLE t AS SELECT 1 AS id");
        var suite = DataTestSuite.Parse([KeyValuePair.Create("t", "grain: [id]\nexpressions:\n  - name: broken\n    expect: no_such_column = 1\n")]);
        var failure = Assert.Single(Assert.Throws<DataTestException>(() => DataTestRunner.Run(w.Connection, suite)).Failures);
        Assert.StartsWith("t › broken: could not run: ", failure.ToString());
        Assert.Contains("no_such_column", failure.ToString());
    }

    // Declaration mistakes are errors naming the file and what is wrong.
    [Theory]
    [InlineData("columns:\n  a: [not_null]\n", "m.yml: grain (the columns that identify a row) is required")]
    [InlineData("grain: [a]\ncolumns:\n  a: [not_nul]\n", "m.yml: columns.a: unknown test not_nul (expected not_null, unique, accepted_values, relationships)")]
    [InlineData("grain: [a]\ncolumns:\n  a: [{relationships: {to: x}}]\n", "m.yml: columns.a.relationships needs to: and field:")]
    [InlineData("grain: [a]\nexpressions:\n  - name: e\n", "m.yml: expression e needs exactly one of expect, failing_keys")]
    [InlineData("grain: [a]\ntests: []\n", "m.yml: unknown key tests (expected grain, columns, expressions)")]
    public void Parse_BadDeclaration_Throws(string yaml, string message)
    {
        var e = Assert.Throws<InvalidOperationException>(() => DataTestSuite.Parse([KeyValuePair.Create("m", yaml)]).Tests.ToList());
        Assert.Equal(message, e.Message);
    }
}

using DuckDB.NET.Data;

namespace ReferralInsights.Transform.DataTests;

/// <summary>Runs a suite of data tests on a built warehouse and throws <see cref="DataTestException"/> listing every
/// failing test (never only the first). All tests run as one query (one plan, run in parallel by DuckDB); if that
/// query fails, each test runs alone so the failure names the test that could not run.</summary>
internal static class DataTestRunner
{
    public const int SampleSize = 5;

    /// <returns>How many tests ran (all passed).</returns>
    public static int Run(DuckDBConnection conn, DataTestSuite suite)
    {
        ArgumentNullException.ThrowIfNull(conn);
        ArgumentNullException.ThrowIfNull(suite);
        if (suite.Tests.Count == 0) return 0;
        List<DataTestFailure> failures;
        try
        {
            failures = Failures(conn, suite.Tests);
        }
        catch (DuckDBException)
        {
            failures = suite.Tests.SelectMany(t => Failures(conn, [t], reportErrors: true)).ToList();
        }
        if (failures.Count > 0) throw new DataTestException(failures);
        return suite.Tests.Count;
    }

    private static List<DataTestFailure> Failures(DuckDBConnection conn, IReadOnlyList<DataTest> tests, bool reportErrors = false)
    {
        using var command = conn.CreateCommand();
        command.CommandText = string.Join("\nUNION ALL\n", tests.Select((t, i) => $"""
            SELECT {i} AS test, count(*) AS failing, coalesce(list(CAST(key AS VARCHAR) ORDER BY CAST(key AS VARCHAR))[1:{SampleSize}], []) AS sample
            FROM ({t.FailingKeysSql}) AS failing_keys
            """)) + "\nORDER BY test";
        try
        {
            using var reader = command.ExecuteReader();
            var failures = new List<DataTestFailure>();
            while (reader.Read())
            {
                var test = tests[reader.GetInt32(0)];
                var failing = reader.GetInt64(1);
                if (failing > 0) failures.Add(new(test.Model, test.Name, failing, reader.GetFieldValue<List<string>>(2)));
            }
            return failures;
        }
        catch (DuckDBException e) when (reportErrors)
        {
            return [new(tests[0].Model, tests[0].Name, 0, [], e.Message)];
        }
    }
}

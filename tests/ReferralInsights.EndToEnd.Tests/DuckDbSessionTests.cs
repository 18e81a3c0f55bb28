using ReferralInsights.Cli.Run;
using ReferralInsights.Config;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary><c>engine:</c> reaches DuckDB: every stage's session has its memory limit, threads and spill folder.</summary>
public sealed class DuckDbSessionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-engine-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Setting(DuckDB.NET.Data.DuckDBConnection db, string name)
    {
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT current_setting('{name}')::VARCHAR";
        return (string)command.ExecuteScalar()!;
    }

    [Fact]
    public void Session_TakesTheConfiguredLimitThreadsAndASpillFolderNamedAfterTheRun()
    {
        var runTemp = Path.Combine(_root, "out", ".staging", "20261204T220000Z-ab12", "tmp");
        var spill = Path.Combine(_root, "spill");

        using var db = DuckDbSession.Open(runTemp, new EngineOptions { MemoryLimit = "2GiB", Threads = 1, TempDirectory = spill });

        Assert.Equal(("2.0 GiB", "1", Path.Combine(spill, "20261204T220000Z-ab12")),
            (Setting(db, "memory_limit"), Setting(db, "threads"), Setting(db, "temp_directory")));
        Assert.True(Directory.Exists(Path.Combine(spill, "20261204T220000Z-ab12")));
    }

    [Fact]
    public void Session_ByDefault_SpillsIntoTheRunsTempFolder_WithOneThreadPerCore()
    {
        var runTemp = Path.Combine(_root, "out", ".staging", "run", "tmp");

        using var db = DuckDbSession.Open(runTemp, new EngineOptions());

        Assert.Equal(("5.5 GiB", Environment.ProcessorCount.ToString(), runTemp),
            (Setting(db, "memory_limit"), Setting(db, "threads"), Setting(db, "temp_directory")));
    }
}

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>A wrong configuration is exit code 2 in every command that reads one (README, CLI), with the file, line and key.</summary>
public sealed class ConfigErrorExitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-config-exit-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData("run", "--as-of", "2026-10-31")]
    [InlineData("payouts", "--period", "2025-Q3")]
    [InlineData("audit", "verify")]
    [InlineData("explain", "opportunity", "O1")]
    [InlineData("query", "SELECT 1")]
    [InlineData("model", "train")]
    [InlineData("model", "score")]
    [InlineData("runs")]
    [InlineData("simulate", "--rewards", "candidate.yaml")]
    [InlineData("tokens", "list")]
    public void WrongConfig_ExitsTwo_NamingFileLineAndKey(params string[] command)
    {
        var config = Path.Combine(_root, "pipeline.yaml");
        File.WriteAllText(config, "program:\n  name: Test\nengine:\n  threads: -1\n");

        var (exit, output, error) = Cli.Invoke([.. command, "--config", config]);

        Assert.True(exit == 2, $"exit {exit}: {output}{error}");
        Assert.Contains($"{config}:4:", error);
        Assert.Contains("engine.threads: must be 0 (one per core) or more", error);
    }
}

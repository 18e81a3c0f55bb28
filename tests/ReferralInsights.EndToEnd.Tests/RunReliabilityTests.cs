using System.Security.Cryptography;
using System.Text.Json;

namespace ReferralInsights.EndToEnd.Tests;

[Collection(SampleProgramCollection.Name)]
public sealed class RunReliabilityTests(SampleProgramRun run)
{
    private static Dictionary<string, string> HashFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    // Same inputs and --as-of → the same marts, byte for byte.
    [Fact]
    public void Rerun_WithTheSameInputsAndAsOf_PublishesIdenticalMarts()
    {
        var root = run.CopyProgram("rerun");

        var (exit, output, error) = Cli.Invoke("run", "--config", Path.Combine(root, "pipeline.yaml"), "--as-of", "2026-10-31");

        Assert.True(exit == 0, error + output);
        Assert.Equal(HashFiles(Path.Combine(run.OutDir, "marts")), HashFiles(Path.Combine(root, "out", "marts")));
        // The model was trained again from scratch (a fresh registry), under the same version, with the same scores.
        using var db = new Db();
        Assert.True(db.Scalar<long>($"SELECT count(*) FROM '{Path.Combine(root, "out", "marts", "lead_scores.parquet")}'") > 0);
        Assert.Equal(Directory.GetDirectories(Path.Combine(run.OutDir, "models")).Select(Path.GetFileName),
            Directory.GetDirectories(Path.Combine(root, "out", "models")).Select(Path.GetFileName));
    }

    // A run that fails (here: an input file lacks a required column) names the file and the column, publishes nothing,
    // leaves the last published output as it was, and records the failure in its manifest.
    [Fact]
    public void FailedRun_LeavesTheLastPublishedOutputUntouched()
    {
        var root = run.CopyProgram("failing");
        var config = Path.Combine(root, "pipeline.yaml");
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31").ExitCode);
        var published = HashFiles(Path.Combine(root, "out"));
        var accounts = Path.Combine(root, "sample", "crm", "accounts.csv");
        var lines = File.ReadAllLines(accounts);
        lines[0] = lines[0].Replace("created_at", "created");
        File.WriteAllLines(accounts, lines);

        var (exit, _, error) = Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31");

        Assert.Equal(1, exit);
        Assert.Contains("sample/crm/accounts.csv: required column 'created_at' missing", error);
        var after = HashFiles(Path.Combine(root, "out"));
        var newFiles = after.Keys.Except(published.Keys).ToList();
        Assert.Equal(published, after.Where(kv => published.ContainsKey(kv.Key)).ToDictionary());
        var manifest = Assert.Single(newFiles);
        Assert.EndsWith("manifest.json", manifest);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "out", manifest)));
        Assert.Equal("failed", json.RootElement.GetProperty("outcome").GetString());
        Assert.False(Directory.Exists(Path.Combine(root, "out", ".staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(root, "out", ".staging")).Any());
    }
}

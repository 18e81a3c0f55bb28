using System.Security.Cryptography;
using System.Text.Json;

namespace ReferralInsights.EndToEnd.Tests;

[Collection(SampleProgramCollection.Name)]
public sealed class RunReliabilityTests(SampleProgramRun run)
{
    private static Dictionary<string, string> HashFiles(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static string CopyProgram(SampleProgramRun run, string name)
    {
        var root = Path.Combine(run.Root, name);
        foreach (var file in Directory.GetFiles(run.SampleDir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, "sample", Path.GetRelativePath(run.SampleDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        File.Copy(run.ConfigPath, Path.Combine(root, "pipeline.yaml"));
        return root;
    }

    // Same inputs and --as-of → the same marts, byte for byte.
    [Fact]
    public void Rerun_WithTheSameInputsAndAsOf_PublishesIdenticalMarts()
    {
        var root = CopyProgram(run, "rerun");

        var (exit, output, error) = Cli.Invoke("run", "--config", Path.Combine(root, "pipeline.yaml"), "--as-of", "2026-10-31");

        Assert.True(exit == 0, error + output);
        Assert.Equal(HashFiles(Path.Combine(run.OutDir, "marts")), HashFiles(Path.Combine(root, "out", "marts")));
    }

    // A run that fails (here: an input file lacks a required column) names the file and the column, publishes nothing,
    // leaves the last published output as it was, and records the failure in its manifest.
    [Fact]
    public void FailedRun_LeavesTheLastPublishedOutputUntouched()
    {
        var root = CopyProgram(run, "failing");
        var config = Path.Combine(root, "pipeline.yaml");
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31").ExitCode);
        var published = HashFiles(Path.Combine(root, "out"));
        var referrals = Path.Combine(root, "sample", "portal", "referrals.csv");
        var lines = File.ReadAllLines(referrals);
        lines[0] = lines[0].Replace("submitted_at", "submitted");
        File.WriteAllLines(referrals, lines);

        var (exit, _, error) = Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31");

        Assert.Equal(1, exit);
        Assert.Contains("sample/portal/referrals.csv: required column 'submitted_at' missing", error);
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

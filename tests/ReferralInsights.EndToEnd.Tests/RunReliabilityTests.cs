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

    private static void RunAtTheSampleAsOf(string config)
    {
        var (exit, output, error) = Cli.Invoke("run", "--config", config, "--as-of", SampleProgramRun.AsOf.ToString("yyyy-MM-dd"));
        Assert.True(exit == 0, error + output);
    }

    // Pages are a function of the inputs and as-of too: a rerun, a reports-only run and a run in another folder (the
    // shared sample run) write every page and CSV byte for byte alike — no run id, no read time, and "what changed"
    // compares with the same baseline when a run changed no number.
    [Fact]
    public void Reruns_WithTheSameInputsAndAsOf_PublishIdenticalPages()
    {
        var root = run.CopyProgram("pages-rerun");
        var config = Path.Combine(root, "pipeline.yaml");
        var site = Path.Combine(root, "out", "site");

        RunAtTheSampleAsOf(config);
        var first = HashFiles(site);
        RunAtTheSampleAsOf(config);
        var rerun = HashFiles(site);
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--only", "reports").ExitCode);

        Assert.Equal(HashFiles(Path.Combine(run.OutDir, "site")), first);
        Assert.Equal(first, rerun);
        Assert.Equal(first, HashFiles(site));
    }

    // "What changed" compares with the last different numbers: after a deal's amount is corrected the run shows the
    // change; a rerun that changes nothing shows the same change again (not "no change since the previous run"), so
    // its pages equal its predecessor's, and the baseline's marts are kept for it.
    [Fact]
    public void ARunThatChangesNoNumber_ShowsWhatItsPredecessorShowed()
    {
        var root = run.CopyProgram("changes-baseline");
        var config = Path.Combine(root, "pipeline.yaml");
        var site = Path.Combine(root, "out", "site");
        RunAtTheSampleAsOf(config);
        var opportunities = Path.Combine(root, "sample", "crm", "opportunities.csv");
        File.WriteAllText(opportunities, File.ReadAllText(opportunities).Replace("OPP-0000002,ACC-0000002,Cecibi Dynamics - Analytics Suite,28700.00,",
            "OPP-0000002,ACC-0000002,Cecibi Dynamics - Analytics Suite,38700.00,"));

        RunAtTheSampleAsOf(config);
        var changed = HashFiles(site);
        var index = File.ReadAllText(Path.Combine(site, "index.html"));
        RunAtTheSampleAsOf(config);

        Assert.DoesNotContain("nothing to compare with yet", index);
        Assert.Contains(">previous numbers</th>", index);
        Assert.Equal(changed, HashFiles(site));
        Assert.Equal(2, Directory.GetDirectories(Path.Combine(root, "out", ".zones", "marts")).Length);
    }

    // The model that scores is a function of the run's as-of and inputs: a rerun at 2026-10-31 after a replay at 2026-06-30
    // (which registered a model of its own, later) scores with the 2026-10-31 model again, and the replay used a model
    // cut at or before its own as-of, never the later one.
    [Fact]
    public void RerunAfterAnEarlierAsOf_ScoresWithTheModelOfItsOwnAsOf_AndPublishesTheFirstRunsMarts()
    {
        var root = run.CopyProgram("as-of-sequence");
        var config = Path.Combine(root, "pipeline.yaml");
        string Scored() => JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "out", "models", "lead_model_report.json")))
            .RootElement.GetProperty("scored_version").GetString()!;

        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31").ExitCode);
        var first = HashFiles(Path.Combine(root, "out", "marts"));
        var firstModel = Scored();
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", "2026-06-30").ExitCode);
        Assert.StartsWith("20260630-", Scored());
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31").ExitCode);

        Assert.StartsWith("20261031-", firstModel);
        Assert.Equal(firstModel, Scored());
        Assert.Equal(first, HashFiles(Path.Combine(root, "out", "marts")));
    }

    // A run that fails (here: an input file lacks a required column) names the file and the column, publishes nothing,
    // leaves the last published output as it was, and records the failure in its manifest and the run history (runs.db,
    // which is not published output: it records every run).
    [Fact]
    public void FailedRun_LeavesTheLastPublishedOutputUntouched()
    {
        var root = run.CopyProgram("failing");
        var config = Path.Combine(root, "pipeline.yaml");
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31").ExitCode);
        static Dictionary<string, string> Output(string root) =>
            HashFiles(Path.Combine(root, "out")).Where(kv => !kv.Key.StartsWith("runs.db", StringComparison.Ordinal)).ToDictionary();
        var published = Output(root);
        var accounts = Path.Combine(root, "sample", "crm", "accounts.csv");
        var lines = File.ReadAllLines(accounts);
        lines[0] = lines[0].Replace("created_at", "created");
        File.WriteAllLines(accounts, lines);

        var (exit, _, error) = Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31");

        Assert.Equal(1, exit);
        Assert.Contains("sample/crm/accounts.csv: required column 'created_at' missing", error);
        var after = Output(root);
        var newFiles = after.Keys.Except(published.Keys).ToList();
        Assert.Equal(published, after.Where(kv => published.ContainsKey(kv.Key)).ToDictionary());
        var manifest = Assert.Single(newFiles);
        Assert.EndsWith("manifest.json", manifest);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "out", manifest)));
        Assert.Equal("failed", json.RootElement.GetProperty("outcome").GetString());
        var recorded = new ReferralInsights.Cli.Run.RunHistory(Path.Combine(root, "out")).Last(1).Single();
        Assert.Equal("failed", recorded.Outcome);
        Assert.Contains("sample/crm/accounts.csv: required column 'created_at' missing", recorded.Error);
        Assert.False(Directory.Exists(Path.Combine(root, "out", ".staging")) && Directory.EnumerateFileSystemEntries(Path.Combine(root, "out", ".staging")).Any());
    }

    // A model whose SQL fails (here: a raw batch tampered to lack a column its staging model reads) fails the run with
    // the documented message naming the model, exit 1, and the published marts as they were.
    [Fact]
    public void ARunWhoseModelFails_SaysRunFailedNamingTheModel_AndExits1()
    {
        var root = run.CopyProgram("broken-model");
        var config = Path.Combine(root, "pipeline.yaml");
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31").ExitCode);
        var marts = HashFiles(Path.Combine(root, "out", "marts"));
        var batches = ReferralInsights.Ingest.Landing.RawZone.LiveFiles(Path.Combine(root, "out", "raw"), Path.Combine(root, "out", "state"))["crm/opportunities"];
        using (var db = new Db())
        {
            foreach (var batch in batches)
                db.Rows($"COPY (SELECT * EXCLUDE (amount) FROM read_parquet('{batch}')) TO '{batch}.cut' (FORMAT parquet)");
        }
        foreach (var batch in batches) File.Move(batch + ".cut", batch, overwrite: true);

        var (exit, _, error) = Cli.Invoke("run", "--config", config, "--as-of", "2026-10-31", "--only", "transform");

        Assert.Equal(1, exit);
        Assert.StartsWith("run failed: model staging/stg_crm__opportunities failed: Binder Error:", error);
        Assert.Contains("The last published output was left as it was.", error);
        Assert.Equal(marts, HashFiles(Path.Combine(root, "out", "marts")));
    }
}

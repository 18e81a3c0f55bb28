using ReferralInsights.Ingest;
using ReferralInsights.Cli.Run;

namespace ReferralInsights.EndToEnd.Tests.Schedule;

/// <summary><c>run --only</c>: one stage over what is published.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class RunOnlyTests(SampleProgramRun run)
{
    private static readonly string AsOf = SampleProgramRun.AsOf.ToString("yyyy-MM-dd");

    private static RunManifest LastManifest(string root) =>
        RunManifest.Load(Directory.GetFiles(Path.Combine(root, "out", "runs"), "manifest.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Last());

    private static Dictionary<string, byte[]> Marts(string outDir) =>
        Directory.GetFiles(Path.Combine(outDir, "marts")).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);

    [Fact]
    public void StageByStage_PublishesWhatOneRunPublishes()
    {
        var root = run.CopyProgram("only-stages");
        var config = Path.Combine(root, "pipeline.yaml");

        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--only", "ingest").ExitCode);
        Assert.Equal(["state"], LastManifest(root).Published);
        Assert.False(Directory.Exists(Path.Combine(root, "out", "marts")));
        var (exit, _, error) = Cli.Invoke("run", "--config", config, "--only", "transform", "--as-of", AsOf);
        Assert.True(exit == 0, error);
        Assert.Equal(["marts"], LastManifest(root).Published);
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--only", "model").ExitCode);
        Assert.Equal(["marts", "models"], LastManifest(root).Published);
        Assert.Equal(AsOf, LastManifest(root).AsOf); // the published marts' as-of
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--only", "reports").ExitCode);
        Assert.Equal(["site", "payouts"], LastManifest(root).Published);

        var expected = Marts(run.OutDir);
        var actual = Marts(Path.Combine(root, "out"));
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, m => Assert.True(m.Value.SequenceEqual(actual[m.Key]), $"{m.Key} differs from one run's"));
        Assert.Equal(Directory.GetFiles(Path.Combine(run.OutDir, "payouts")).Select(Path.GetFileName),
            Directory.GetFiles(Path.Combine(root, "out", "payouts")).Select(Path.GetFileName));
        Assert.Equal(File.ReadAllText(Directory.GetFiles(Path.Combine(run.OutDir, "payouts")).Single()),
            File.ReadAllText(Directory.GetFiles(Path.Combine(root, "out", "payouts")).Single()));
    }

    [Fact]
    public void ReportsAtAnotherAsOfThanThePublishedMarts_IsRefused()
    {
        var root = run.CopyProgram("only-reports-as-of");
        var config = Path.Combine(root, "pipeline.yaml");
        Assert.Equal(0, Cli.Invoke("run", "--config", config, "--as-of", AsOf).ExitCode);

        var (exit, _, error) = Cli.Invoke("run", "--config", config, "--only", "reports", "--as-of", "2026-11-30");

        Assert.Equal(1, exit);
        Assert.StartsWith($"run failed: --only reports reads the published marts, which are as of {AsOf} (run ", error);
        Assert.Contains("run `run --only transform --as-of 2026-11-30` first, or leave --as-of out", error);
    }

    // The footer says how current each source's data is: the newest timestamp of any of its landed rows before the end
    // of as_of (a function of the inputs, so reruns write the same pages), and which connector kind read it.
    [Fact]
    public void TheProgramPagesFooter_SaysHowCurrentEachSourcesDataIs()
    {
        var index = File.ReadAllText(Path.Combine(run.OutDir, "site", "index.html"));
        using var db = new Db();
        string Newest(string source)
        {
            var newest = Contract.OfSource(source).SelectMany(e => e.Columns.Where(c => c.Type == ColumnType.Timestamp).Select(c =>
                    db.Rows($"SELECT max({c.Name}) FROM {RawZoneFiles.Landed(run.OutDir, e.QualifiedName)} WHERE {c.Name} < TIMESTAMP '2026-11-01'").Single()[0]))
                .OfType<DateTime>().Max();
            return $"<time datetime=\"{newest:yyyy-MM-dd'T'HH:mm:ss'Z'}\">{newest.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)}</time>";
        }

        Assert.Contains($"<footer class=\"freshness\">Data through: crm (files) {Newest("crm")} · portal (sqlite) {Newest("portal")} · " +
                        $"clicks (logs) {Newest("clicks")}</footer>", index);
    }
}

using System.Text.Json;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary><c>bench --scale small --incremental</c>: generates the program, runs every stage once and reports each stage, with the bare
/// DuckDB cost where there is one, in the documented JSON; and the run after the program's last 1 % of time arrives, whose
/// marts equal the full run's on the same data.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-bench-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void BenchSmall_ReportsEveryStage_AndItsRowsAddUp_AndTheIncrementalRunPublishesTheFullRunsMarts()
    {
        var json = Path.Combine(_root, "bench.json");
        var (exit, output, error) = Cli.Invoke("bench", "--scale", "small", "--config", Path.Combine(RepoPaths.Root, "pipeline.yaml"),
            "--dir", Path.Combine(_root, "small"), "--json", json, "--incremental");

        Assert.True(exit == 0, error);
        using var report = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("small", report.RootElement.GetProperty("scale").GetString());
        var stages = report.RootElement.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal(["generate", "ingest_crm", "ingest_portal", "ingest_clicks", "transform", "train", "score", "report", "payouts", "audit", "publish"],
            stages.Keys);
        Assert.All(stages.Values, s => Assert.Equal(["name", "seconds", "rows", "rows_per_s", "peak_rss_mb", "bare_seconds"],
            s.EnumerateObject().Select(p => p.Name)));
        long Rows(string stage) => stages[stage].GetProperty("rows").GetInt64();
        // every generated row is read by one source's ingest; the transform reads what landed
        Assert.Equal(Rows("generate"), Rows("ingest_crm") + Rows("ingest_portal") + Rows("ingest_clicks"));
        using var db = new Db();
        // with --incremental the full run is on the copy that received the withheld rows
        var outDir = Path.Combine(_root, "small", "incremental", "out-full");
        Assert.Equal(Rows("ingest_clicks"), (long)db.Rows($"SELECT count(*) FROM {RawZoneFiles.Landed(outDir, "clicks/clicks")}")[0][0]!
                                            + (long)db.Rows($"SELECT count(*) FROM {RawZoneFiles.Quarantined(outDir, "clicks/clicks")}")[0][0]!
                                            + (long)db.Rows($"SELECT count(*) FROM {RawZoneFiles.Landed(outDir, "clicks/conversions")}")[0][0]!
                                            + (long)db.Rows($"SELECT count(*) FROM {RawZoneFiles.Quarantined(outDir, "clicks/conversions")}")[0][0]!);
        Assert.Equal(Directory.GetFiles(Path.Combine(outDir, "site"), "*.html", SearchOption.AllDirectories).Length, Rows("report"));
        var withBare = stages.Values.Where(s => s.GetProperty("bare_seconds").ValueKind == JsonValueKind.Number).Select(s => s.GetProperty("name").GetString());
        Assert.Equal(["ingest_clicks", "transform"], withBare);
        foreach (var s in stages.Values.Where(s => s.GetProperty("rows").ValueKind == JsonValueKind.Number))
            Assert.Equal(Math.Round(s.GetProperty("rows").GetInt64() / s.GetProperty("seconds").GetDouble()), s.GetProperty("rows_per_s").GetDouble(), 0);
        Assert.Contains("ingest_clicks", output);

        var incremental = report.RootElement.GetProperty("incremental");
        Assert.True(incremental.GetProperty("marts_identical").GetBoolean());
        Assert.Equal(Rows("generate"), incremental.GetProperty("rows").GetInt64());
        Assert.InRange(incremental.GetProperty("new_rows").GetInt64(), 1, Rows("generate") / 10);
        Assert.Equal(Math.Round(incremental.GetProperty("seconds").GetDouble() / incremental.GetProperty("full_seconds").GetDouble(), 3),
            incremental.GetProperty("ratio").GetDouble());
        // the new referrals are not trainable yet: the same model scores, and the referrals whose features did not change keep their scores
        using var leadModel = JsonDocument.Parse(File.ReadAllText(Path.Combine(_root, "small", "incremental", "out", "models", "lead_model_report.json")));
        Assert.True(leadModel.RootElement.GetProperty("reused").GetBoolean());
        Assert.InRange(leadModel.RootElement.GetProperty("reused_scores").GetInt32(), 1, leadModel.RootElement.GetProperty("scored_rows").GetInt32() - 1);
        var targets = report.RootElement.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        Assert.Equal(["transform ÷ its SQL run bare", "click ingest ÷ bare DuckDB (throughput)", "incremental run ÷ full run", "incremental marts = full run's"],
            targets.Keys);
        Assert.True(targets["incremental marts = full run's"].GetProperty("met").GetBoolean());
    }
}

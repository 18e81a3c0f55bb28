using System.Text.Json;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary><c>bench --scale small</c>: generates the program, runs every stage once and reports each stage, with the bare
/// DuckDB cost where there is one, in the documented JSON.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ri-bench-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void BenchSmall_ReportsEveryStage_AndItsRowsAddUp()
    {
        var json = Path.Combine(_root, "bench.json");
        var (exit, output, error) = Cli.Invoke("bench", "--scale", "small", "--config", Path.Combine(RepoPaths.Root, "pipeline.yaml"),
            "--dir", Path.Combine(_root, "small"), "--json", json);

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
        var outDir = Path.Combine(_root, "small", "out");
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
    }
}

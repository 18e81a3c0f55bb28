using System.Diagnostics;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using ReferralInsights.Ingest.Files;
using ReferralInsights.Ingest.Landing;
using ReferralInsights.SampleProgram;
using ReferralInsights.Transform;

namespace ReferralInsights.Cli.Run;

/// <summary>One stage of a benchmarked run: seconds, rows it handled (null when it has no row count), rows a second, the
/// process's peak resident memory during the top-level stage it belongs to, and what bare DuckDB takes for the same work
/// (null where there is no bare equivalent).</summary>
internal sealed record BenchStage(string Name, double Seconds, long? Rows, double? RowsPerS, double? PeakRssMb, double? BareSeconds)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public double? Ratio => BareSeconds is { } bare && Seconds > 0 ? bare / Seconds : null;
}

/// <summary>What a bench measured: every stage, the full run's wall seconds, and the incremental run when asked for.</summary>
internal sealed record BenchResult(IReadOnlyList<BenchStage> Stages, double RunSeconds, IncrementalBench? Incremental);

/// <summary><c>bench --scale</c>: one full run of the pipeline on a generated program of that scale (generated first when
/// missing), from an empty output folder, as of the program's end; every stage's time and peak memory from the run
/// itself, then in the same process the bare DuckDB cost of the same work: the click files converted to Parquet with the
/// contract's types, and the transform's SQL run directly over the landed raw zone. With <c>incremental</c>, first the
/// run after new data (<see cref="IncrementalBenchmark"/>), and the full run is on that same data.</summary>
internal sealed class PipelineBenchmark(RunLog log)
{
    public BenchResult Run(LoadedConfig loaded, SampleScale scale, bool incremental = false)
    {
        var stages = new List<BenchStage>();
        var sample = loaded.Config.Sample ?? throw new ArgumentException("bench needs a config with a sample: section (the program it generates)");
        var programDir = loaded.ResolvePath(sample.Path);
        var memory = new PeakMemory();
        if (!Directory.Exists(programDir))
        {
            memory.Started("generate");
            var generated = SampleProgramGenerator.Generate(programDir, sample.Seed, scale, log.For("generate"));
            memory.Finished("generate");
            stages.Add(Stage("generate", generated.Elapsed.TotalSeconds, generated.RowsPerEntity.Values.Sum(), memory.PeakMb["generate"], null));
        }
        var asOf = SampleProgramGenerator.ProgramEnd;
        IncrementalBenchmark? increment = null;
        if (incremental)
        {
            increment = new IncrementalBenchmark(log, loaded, programDir);
            increment.RunIncremental(asOf);
            loaded = increment.FullRunConfig;
        }
        if (Directory.Exists(loaded.OutputDir)) Directory.Delete(loaded.OutputDir, recursive: true);
        var clock = Stopwatch.StartNew();
        var manifest = new PipelineRunner(log, TimeProvider.System, memory).Run(loaded, asOf, RunScope.Everything, fullRefresh: true).Manifest;
        var runSeconds = clock.Elapsed.TotalSeconds;

        double Seconds(string name) => manifest.Stages.Where(s => s.Name == name).Sum(s => s.Seconds);
        double? Peak(string name) => memory.PeakMb.GetValueOrDefault(name);
        foreach (var source in SourcesOptions.Names)
            stages.Add(Stage($"ingest_{source}", Seconds($"ingest.{source}"), manifest.Entities.Where(e => e.Source == source).Sum(e => e.RowsIn),
                Peak("ingest"), source == "clicks" ? BareClickConversion(loaded) : null));
        var landed = manifest.Entities.Sum(e => e.Landed);
        stages.Add(Stage("transform", Seconds("transform") + Seconds(PipelineRunner.ScoredTransformStage), landed,
            Math.Max(Peak("transform") ?? 0, Peak(PipelineRunner.ScoredTransformStage) ?? 0), BareTransform(loaded, asOf)));
        stages.Add(Stage("train", Seconds("model.train"), manifest.LeadModel?.TrainableRows, Peak("model"), null));
        stages.Add(Stage("score", Seconds("model.score"), manifest.LeadModel?.ScoredRows, Peak("model"), null));
        var pages = Directory.GetFiles(new OutputLayout(loaded.OutputDir).Site, "*.html", SearchOption.AllDirectories).Length;
        stages.Add(Stage("report", Seconds("reports"), pages, Peak("reports"), null));
        stages.Add(Stage("payouts", Seconds("payouts"), null, Peak("payouts"), null));
        stages.Add(Stage("audit", Seconds("audit") + Seconds("audit-append"), manifest.Audit?.Appended, Peak("audit"), null));
        stages.Add(Stage("publish", Seconds("publish"), null, Peak("publish"), null));
        return new BenchResult(stages, Math.Round(runSeconds, 3), increment?.Compare(manifest, runSeconds));
    }

    /// <summary>Seconds to the millisecond, and rows a second from those same seconds, so the report is consistent in itself.</summary>
    private static BenchStage Stage(string name, double seconds, long? rows, double? peakMb, double? bare)
    {
        var shown = Math.Round(seconds, 3);
        return new(name, shown, rows, rows is { } n && shown > 0 ? Math.Round(n / shown) : null, peakMb, bare is null ? null : Math.Round(bare.Value, 3));
    }

    private double? BareClickConversion(LoadedConfig loaded)
    {
        var clicks = loaded.Config.Sources.Clicks;
        if (clicks.Kind is not ("files" or "logs")) return null;
        var entity = Contract.Entities.Single(e => e.QualifiedName == "clicks/clicks");
        var folder = loaded.ResolvePath(clicks.Path!);
        var files = EntityFiles.Find(folder, entity.Name).Select(f => Path.GetFullPath(Path.Combine(folder, f))).ToList();
        if (files.Count == 0 || !files.All(f => f.Contains(".ndjson", StringComparison.Ordinal))) return null;
        var work = Path.Combine(loaded.OutputDir, ".bench");
        try
        {
            log.Line("bench", "bare DuckDB: the click files to Parquet");
            return IngestBenchmark.TimeBare(files, entity, work);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private double BareTransform(LoadedConfig loaded, DateOnly asOf)
    {
        log.Line("bench", "bare DuckDB: the transform's SQL over the published raw zone");
        var layout = new OutputLayout(loaded.OutputDir);
        var tmp = Path.Combine(loaded.OutputDir, ".bench-tmp");
        try
        {
            using var db = DuckDbSession.Open(tmp, loaded.Config.Engine);
            Warehouse.AttachRawZone(db, RawZone.LiveFiles(layout.Raw, layout.State));
            var clock = Stopwatch.StartNew();
            Warehouse.BuildBare(db, loaded.Config, asOf);
            return clock.Elapsed.TotalSeconds;
        }
        finally
        {
            Directory.Delete(tmp, recursive: true);
        }
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using Spectre.Console;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>bench --scale</c>: every stage of a full run on a generated program, against bare DuckDB where it has an
/// equivalent (<see cref="PipelineBenchmark"/>); <c>bench ingest</c>: the click ingest's throughput against bare DuckDB on
/// the same files, over several runs.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Benchmarks: with --scale, time every stage of a full run on a generated program of that scale");
        bench.Add(IngestCommand());
        var scale = new Option<string?>("--scale") { Description = "small | medium | large: the program to generate (when missing) and run" };
        scale.AcceptOnlyFromAmong(ScaleNames.All);
        var config = CommonOptions.Config();
        var dir = new Option<string?>("--dir") { Description = "Where the program and its output go [default: bench-programs/<scale>]" };
        var json = new Option<string?>("--json") { Description = "Also write the stages to this JSON file" };
        var incremental = new Option<bool>("--incremental")
        {
            Description = "Also time the run after the last 1 % of the program's time arrives, against a full run on the same data",
        };
        bench.Add(scale);
        bench.Add(config);
        bench.Add(dir);
        bench.Add(json);
        bench.Add(incremental);
        bench.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(scale) is not { } scaleName)
            {
                parse.InvocationConfiguration.Error.WriteLine($"bench: give --scale {string.Join("|", ScaleNames.All)}, or a subcommand (bench ingest)");
                return ExitCodes.ConfigError;
            }
            LoadedConfig loaded;
            try
            {
                loaded = ConfigLoader.Load(parse.GetValue(config)!);
            }
            catch (ConfigException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"configuration error: {e.Message}");
                return ExitCodes.ConfigError;
            }
            var root = Path.GetFullPath(parse.GetValue(dir) ?? Path.Combine("bench-programs", scaleName));
            Directory.CreateDirectory(root);
            // the config's program settings, with the sample and the output in the bench folder at the asked scale
            var benchConfig = loaded.Config with
            {
                Sample = (loaded.Config.Sample ?? new SampleOptions()) with { Scale = scaleName },
                Output = loaded.Config.Output with { Dir = "out" },
            };
            var rebased = loaded with { Config = benchConfig, BaseDirectory = root };
            var result = new PipelineBenchmark(new RunLog(output)).Run(rebased, ScaleNames.Parse(scaleName), parse.GetValue(incremental));
            var targets = BenchTargets.Evaluate(ScaleNames.Parse(scaleName), result);
            var console = Console(output);
            PrintStages(result, console, output);
            if (result.Incremental is { } increment) PrintIncremental(increment, console, output);
            PrintTargets(targets, console, output);
            if (parse.GetValue(json) is { } file)
                File.WriteAllText(file, JsonSerializer.Serialize(new BenchReport(scaleName, result.Stages, result.RunSeconds, result.Incremental, targets),
                    BenchReport.Json));
            return 0;
        });
        return bench;
    }

    private static string N(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static IAnsiConsole Console(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        console.Profile.Width = Math.Max(console.Profile.Width, 100);
        return console;
    }

    private static void PrintStages(BenchResult result, IAnsiConsole console, TextWriter output)
    {
        var table = new Table().AddColumns("stage", "seconds", "rows", "rows/s", "peak RSS MB", "bare DuckDB s", "bare ÷ ours");
        foreach (var s in result.Stages)
            table.AddRow(s.Name, N(s.Seconds, "0.0"), N(s.Rows, "N0"), N(s.RowsPerS, "N0"), N(s.PeakRssMb, "N0"), N(s.BareSeconds, "0.0"), N(s.Ratio, "0.00"));
        console.Write(table);
        output.WriteLine($"full run: {N(result.RunSeconds, "0.0")} s wall");
    }

    private static void PrintIncremental(IncrementalBench increment, IAnsiConsole console, TextWriter output)
    {
        var table = new Table().AddColumns("stage of the incremental run", "seconds", "full run s");
        foreach (var s in increment.Stages) table.AddRow(s.Name, N(s.Seconds, "0.0"), N(s.FullSeconds, "0.0"));
        console.Write(table);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"incremental run: {increment.NewRows:N0} new rows ({increment.NewShare:P2} of {increment.Rows:N0}), {increment.Landed:N0} landed " +
            $"(a changed snapshot file lands whole); {increment.Seconds:0.0} s against the full run's {increment.FullSeconds:0.0} s = " +
            $"{increment.Ratio:0.000}; marts {(increment.MartsIdentical ? "byte-identical to the full run's" : "DIFFERENT from the full run's")}"));
    }

    private static void PrintTargets(IReadOnlyList<BenchTarget> targets, IAnsiConsole console, TextWriter output)
    {
        var table = new Table().AddColumns("target", "limit", "measured", "met", "by how much", "why");
        foreach (var t in targets) table.AddRow(Markup.Escape(t.Name), Markup.Escape(t.Limit), Markup.Escape(t.Measured), t.Met ? "yes" : "no",
            Markup.Escape(t.Gap ?? ""), Markup.Escape(t.Why ?? ""));
        console.Write(table);
        output.WriteLine("Targets of this 2-core, 24 GB machine; docs/benchmarks.md has the measurements and the plan behind each miss.");
    }

    private static Command IngestCommand()
    {
        var program = new Option<string>("--program") { Description = "A generated program's folder (generated there first when missing)", Required = true };
        var scale = new Option<string>("--scale") { Description = "small | medium | large, when the program is generated", DefaultValueFactory = _ => "small" };
        scale.AcceptOnlyFromAmong(ScaleNames.All);
        var runs = new Option<int>("--runs") { Description = "Timed runs (each times bare DuckDB, then the ingest)", DefaultValueFactory = _ => 3 };
        var json = new Option<string?>("--json") { Description = "Also write every timing to this JSON file" };
        var ingest = new Command("ingest", "Time landing the program's click files against bare DuckDB converting them to Parquet") { program, scale, runs, json };
        ingest.SetAction(parse =>
        {
            var log = new RunLog(parse.InvocationConfiguration.Output);
            var dir = Path.GetFullPath(parse.GetValue(program)!);
            if (!Directory.Exists(Path.Combine(dir, "clicks")))
                SampleProgramGenerator.Generate(dir, 42, ScaleNames.Parse(parse.GetValue(scale)!), log.For("generate"));
            var timings = IngestBenchmark.Run(dir, parse.GetValue(runs), Path.Combine(dir, ".bench"), log.For("bench"));
            double Median(IEnumerable<double> values) => values.Order().ElementAt(timings.Count / 2);
            var (bare, ours) = (Median(timings.Select(t => t.BareSeconds)), Median(timings.Select(t => t.IngestSeconds)));
            log.Line("bench", string.Create(CultureInfo.InvariantCulture,
                $"median of {timings.Count}: bare DuckDB {bare:0.0} s, ingest {ours:0.0} s; ingest throughput = {bare / ours:0.00} × bare DuckDB " +
                $"({timings[0].Rows / ours:N0} clicks/s)"));
            if (parse.GetValue(json) is { } file) File.WriteAllText(file, JsonSerializer.Serialize(timings, new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        });
        return ingest;
    }
}

/// <summary>The JSON of <c>bench --json</c>: <c>{"scale": …, "stages": [{"name", "seconds", "rows", "rows_per_s",
/// "peak_rss_mb", "bare_seconds"}, …], "run_seconds": …, "incremental": {…} or null, "targets": [{"name", "limit",
/// "measured", "met", "gap", "why"}, …]}</c>.</summary>
internal sealed record BenchReport(string Scale, IReadOnlyList<BenchStage> Stages, double RunSeconds, IncrementalBench? Incremental,
    IReadOnlyList<BenchTarget> Targets)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };
}

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
        bench.Add(scale);
        bench.Add(config);
        bench.Add(dir);
        bench.Add(json);
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
            var stages = new PipelineBenchmark(new RunLog(output)).Run(rebased, ScaleNames.Parse(scaleName));
            PrintStages(stages, output);
            if (parse.GetValue(json) is { } file)
                File.WriteAllText(file, JsonSerializer.Serialize(new BenchReport(scaleName, stages), BenchReport.Json));
            return 0;
        });
        return bench;
    }

    private static void PrintStages(IReadOnlyList<BenchStage> stages, TextWriter output)
    {
        string N(double? v, string format) => v is { } x ? x.ToString(format, CultureInfo.InvariantCulture) : "–";
        var table = new Table().AddColumns("stage", "seconds", "rows", "rows/s", "peak RSS MB", "bare DuckDB s", "bare ÷ ours");
        foreach (var s in stages)
            table.AddRow(s.Name, N(s.Seconds, "0.0"), N(s.Rows, "N0"), N(s.RowsPerS, "N0"), N(s.PeakRssMb, "N0"), N(s.BareSeconds, "0.0"), N(s.Ratio, "0.00"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No });
        console.Profile.Width = Math.Max(console.Profile.Width, 100);
        console.Write(table);
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
/// "peak_rss_mb", "bare_seconds"}, …]}</c>.</summary>
internal sealed record BenchReport(string Scale, IReadOnlyList<BenchStage> Stages)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };
}

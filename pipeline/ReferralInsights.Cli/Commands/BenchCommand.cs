using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReferralInsights.Cli.Run;
using ReferralInsights.SampleProgram;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>bench ingest</c>: the click ingest's throughput against bare DuckDB on the same files.</summary>
public static class BenchCommand
{
    public static Command Create()
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
        return new Command("bench", "Benchmarks") { ingest };
    }
}

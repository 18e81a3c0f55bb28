using System.CommandLine;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using Spectre.Console;

namespace ReferralInsights.Cli.Commands;

internal static class RunCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var asOf = CommonOptions.OptionalAsOf("The run's \"now\" (YYYY-MM-DD, the end of that UTC day): nothing after it exists for the run. " +
                                              "Default: today (UTC); with --only model or reports, the as-of of the published marts");
        var fullRefresh = new Option<bool>("--full-refresh")
        {
            Description = "Read every source again from its start instead of only what is new since the last published run",
        };
        var only = new Option<string?>("--only")
        {
            Description = "Run one stage over what is published and publish only what it writes: ingest (raw zone and state), " +
                          "transform (marts, with the published lead scores), model (registry, scores and the marts that read them), " +
                          "reports (site and payout file from the published marts)",
        };
        only.AcceptOnlyFromAmong([.. RunScope.StageNames]);
        var wait = new Option<int?>("--wait")
        {
            Description = "Seconds to wait when another run holds the output folder (default: output.lock_wait_seconds); 0 exits at once",
        };
        var command = new Command("run", "Run every stage once (ingest, transform, model, reports) and publish the result")
            { config, asOf, fullRefresh, only, wait };
        command.SetAction(parse => Execute(new RunRequest(parse.GetValue(config)!, parse.GetValue(asOf), parse.GetValue(fullRefresh),
            parse.GetValue(only), parse.GetValue(wait)), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private sealed record RunRequest(string ConfigPath, DateOnly? AsOf, bool FullRefresh, string? Only, int? WaitSeconds)
    {
        public string Job => Only is null ? "run" : $"run --only {Only}";
        public RunScope Scope => Only is null ? RunScope.Everything : RunScope.OnlyStage(Only);
    }

    private static int Execute(RunRequest request, TextWriter output, TextWriter error)
    {
        // On a terminal the current stage and stream stay on a live status line above the log; redirected output
        // (CI, a file, the tests) gets the log lines only.
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            return AnsiConsole.Status().Start("starting", status =>
                Execute(request, new AnsiConsoleWriter(), error, line => status.Status(Markup.Escape(line))));
        return Execute(request, output, error, null);
    }

    private static int Execute(RunRequest request, TextWriter output, TextWriter error, Action<string>? live)
    {
        var log = new RunLog(output, live);
        try
        {
            var loaded = ConfigLoader.Load(request.ConfigPath);
            SampleBootstrap.EnsureSampleData(loaded, log);
            var asOf = ResolveAsOf(request, new OutputLayout(loaded.OutputDir));
            var wait = TimeSpan.FromSeconds(request.WaitSeconds ?? loaded.Config.Output.LockWaitSeconds);
            var outcome = new ExclusiveRun(log, TimeProvider.System).Execute(loaded, new JobStart(request.Job, "manual"), request.Scope, asOf,
                request.FullRefresh, wait);
            PrintSummary(outcome, output);
            return 0;
        }
        catch (ConfigException e)
        {
            error.WriteLine($"configuration error: {e.Message}");
            error.WriteLine("Nothing ran.");
            return ExitCodes.ConfigError;
        }
        catch (OutputLockedException e)
        {
            error.WriteLine($"not run: {e.Message}");
            return ExitCodes.Locked;
        }
        catch (AuditAppendException e)
        {
            error.WriteLine($"run failed after publishing: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IngestException or InvalidDataException or NotSupportedException or IOException or ArgumentException
                                      or DuckDB.NET.Data.DuckDBException or ReferralInsights.Transform.ModelBuildException
                                      or ReferralInsights.Transform.DataTests.DataTestException)
        {
            error.WriteLine($"run failed: {e.Message}");
            error.WriteLine("The last published output was left as it was.");
            return 1;
        }
    }

    /// <summary>Model and reports read the published marts, which were built as of one day: they run as of that day, and
    /// refuse another (the marts would say one date and the pages another).</summary>
    private static DateOnly ResolveAsOf(RunRequest request, OutputLayout layout)
    {
        if (request.Only is not ("model" or "reports")) return request.AsOf ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var published = RunManifest.LastToPublish(layout, OutputLayout.MartsZone)
                        ?? throw new ArgumentException($"no published marts in {layout.Root}: run `referral-insights run` first");
        if (request.AsOf is { } asked && asked != published.AsOfDate)
            throw new ArgumentException($"--only {request.Only} reads the published marts, which are as of {published.AsOf} (run {published.RunId}); " +
                                        $"run `run --only transform --as-of {asked:yyyy-MM-dd}` first, or leave --as-of out");
        return published.AsOfDate;
    }

    private static void PrintSummary(RunOutcome outcome, TextWriter output)
    {
        var table = new Table().AddColumns("entity", "rows in", "landed", "quarantined");
        foreach (var e in outcome.Manifest.Entities)
            table.AddRow($"{e.Source}/{e.Entity}", $"{e.RowsIn:N0}", $"{e.Landed:N0}", $"{e.Quarantined:N0}");
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }).Write(table);
        var layout = outcome.Layout;
        output.WriteLine($"Marts:     {layout.Marts}");
        output.WriteLine($"Manifest:  {Path.Combine(layout.RunFolder(outcome.Manifest.RunId), "manifest.json")}");
        output.WriteLine($"Dashboard: {layout.SiteIndex}");
        output.WriteLine($"Payouts:   {layout.Payouts}");
        output.WriteLine($"Audit log: {layout.AuditLog}");
    }

    /// <summary>Lines through Spectre.Console, so they print above its live status line instead of through it.</summary>
    private sealed class AnsiConsoleWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void WriteLine(string? value) => AnsiConsole.WriteLine(value ?? "");
        public override void Write(char value) => AnsiConsole.Write(value.ToString());
        public override void Write(string? value) => AnsiConsole.Write(value ?? "");
    }
}

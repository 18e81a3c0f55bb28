using System.CommandLine;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using ReferralInsights.Ingest;
using Spectre.Console;

namespace ReferralInsights.Cli.Commands;

public static class RunCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var asOf = CommonOptions.AsOf();
        var fullRefresh = new Option<bool>("--full-refresh")
        {
            Description = "Read every source again from its start instead of only what is new since the last published run",
        };
        var command = new Command("run", "Run every stage once (ingest, transform, reports) and publish the result") { config, asOf, fullRefresh };
        command.SetAction(parse => Execute(parse.GetValue(config)!, parse.GetValue(asOf), parse.GetValue(fullRefresh),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Execute(string configPath, DateOnly asOf, bool fullRefresh, TextWriter output, TextWriter error)
    {
        // On a terminal the current stage and stream stay on a live status line above the log; redirected output
        // (CI, a file, the tests) gets the log lines only.
        if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected)
            return AnsiConsole.Status().Start("starting", status =>
                Execute(configPath, asOf, fullRefresh, new AnsiConsoleWriter(), error, line => status.Status(Markup.Escape(line))));
        return Execute(configPath, asOf, fullRefresh, output, error, null);
    }

    private static int Execute(string configPath, DateOnly asOf, bool fullRefresh, TextWriter output, TextWriter error, Action<string>? live)
    {
        var log = new RunLog(output, live);
        try
        {
            var loaded = ConfigLoader.Load(configPath);
            SampleBootstrap.EnsureSampleData(loaded, log);
            var outcome = new PipelineRunner(log, TimeProvider.System).Run(loaded, asOf, fullRefresh);
            PrintSummary(outcome, output);
            return 0;
        }
        catch (ConfigException e)
        {
            error.WriteLine($"configuration error: {e.Message}");
            error.WriteLine("Nothing ran.");
            return 2;
        }
        catch (AuditAppendException e)
        {
            error.WriteLine($"run failed after publishing: {e.Message}");
            return 1;
        }
        catch (Exception e) when (e is IngestException or InvalidDataException or NotSupportedException or IOException
                                      or DuckDB.NET.Data.DuckDBException or ReferralInsights.Transform.DataTests.DataTestException)
        {
            error.WriteLine($"run failed: {e.Message}");
            error.WriteLine("The last published output was left as it was.");
            return 1;
        }
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

using System.CommandLine;
using System.Globalization;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;
using Spectre.Console;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>runs [--last N]</c>: the run history (<see cref="RunHistory"/>), newest first.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var last = new Option<int>("--last", "-n")
        {
            Description = "How many runs to show, newest first. Default: 20",
            DefaultValueFactory = _ => 20,
        };
        var command = new Command("runs", "Show the run history: every run and scheduled job, when, how it ended, rows landed") { config, last };
        command.SetAction(parse =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            try
            {
                var layout = new OutputLayout(ConfigLoader.Load(parse.GetValue(config)!).OutputDir);
                var runs = new RunHistory(layout.Root).Last(Math.Max(1, parse.GetValue(last)));
                if (runs.Count == 0)
                {
                    output.WriteLine($"no runs recorded in {layout.Root} yet: `referral-insights run` or `schedule` records them");
                    return 0;
                }
                Write(runs, output);
                return 0;
            }
            catch (ConfigException e)
            {
                error.WriteLine($"configuration error: {e.Message}");
                return ExitCodes.ConfigError;
            }
        });
        return command;
    }

    /// <summary>One row per run; the errors of failed runs below the table, whole (a table cell would cut them to pieces).</summary>
    private static void Write(IReadOnlyList<JobRun> runs, TextWriter output)
    {
        var table = new Table().AddColumns("#", "job", "trigger", "started (UTC)", "took", "outcome", "landed", "quarantined", "run");
        foreach (var r in runs)
            table.AddRow(Cells(
                r.Id.ToString(CultureInfo.InvariantCulture), r.Job, r.Attempt > 0 ? $"{r.Trigger} #{r.Attempt}" : r.Trigger,
                r.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                r.FinishedAt is { } end ? $"{(end - r.StartedAt).TotalSeconds:0.0} s" : "",
                r.Outcome, r.RowsLanded?.ToString("N0", CultureInfo.InvariantCulture) ?? "",
                r.RowsQuarantined?.ToString("N0", CultureInfo.InvariantCulture) ?? "", r.RunId ?? ""));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = Math.Max(console.Profile.Width, 120);
        console.Write(table);
        foreach (var r in runs.Where(r => r.Error is not null)) output.WriteLine($"#{r.Id} {r.Job}: {r.Error}");
    }

    private static Text[] Cells(params string[] values) => values.Select(v => new Text(v)).ToArray();
}

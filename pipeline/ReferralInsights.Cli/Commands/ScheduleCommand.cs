using System.CommandLine;
using ReferralInsights.Cli.Run;
using ReferralInsights.Cli.Schedule;
using ReferralInsights.Config;

namespace ReferralInsights.Cli.Commands;

/// <summary><c>schedule</c>: runs the jobs of <c>schedule.jobs</c> on their crons until SIGTERM or Ctrl+C
/// (<see cref="PipelineScheduler"/>).</summary>
internal static class ScheduleCommand
{
    public static Command Create()
    {
        var config = CommonOptions.Config();
        var command = new Command("schedule",
            "Run the jobs of schedule.jobs (ingest_crm, ingest_portal, ingest_clicks, build) on their crons until SIGTERM or Ctrl+C; `runs` shows what ran")
            { config };
        command.SetAction(async (parse, cancel) =>
        {
            var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            try
            {
                var loaded = ConfigLoader.Load(parse.GetValue(config)!);
                if (loaded.Config.Schedule.Jobs.Count == 0)
                {
                    error.WriteLine($"nothing to schedule: {loaded.FilePath} has no schedule.jobs");
                    return ExitCodes.ConfigError;
                }
                var log = new RunLog(output);
                SampleBootstrap.EnsureSampleData(loaded, log);
                await PipelineScheduler.RunAsync(loaded, log, TimeProvider.System, cancel);
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
}

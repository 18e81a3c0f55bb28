using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using ReferralInsights.Cli.Run;
using ReferralInsights.Config;

namespace ReferralInsights.Cli.Schedule;

/// <summary>The <c>schedule</c> command's generic host: Quartz with one job per entry of <c>schedule.jobs</c>, each on its
/// cron in <c>schedule.timezone</c>, retried <c>schedule.retries</c> times <c>schedule.retry_delay_seconds</c> apart. Runs
/// until <paramref name="stop"/> is cancelled or the process gets SIGTERM or Ctrl+C; then it starts nothing new, waits for
/// the running job to finish (however long it takes) and returns.</summary>
internal static class PipelineScheduler
{
    public static async Task RunAsync(LoadedConfig loaded, RunLog log, TimeProvider clock, CancellationToken stop)
    {
        var schedule = loaded.Config.Schedule;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.Timezone);
        var history = new RunHistory(new OutputLayout(loaded.OutputDir).Root);
        var now = clock.GetUtcNow();
        var runner = new ScheduledRunner(loaded, log, clock);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Quartz's own warnings and errors only; a failing job is reported by JobOutcomeReporter, without Quartz's stack trace.
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Quartz.Core.JobRunShell", LogLevel.None);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton(runner);
        builder.Services.AddQuartz(q =>
        {
            q.AddJobListener<JobOutcomeReporter>(_ => new JobOutcomeReporter(runner));
            foreach (var (job, cron) in schedule.Jobs.OrderBy(j => j.Key, StringComparer.Ordinal))
            {
                var key = new JobKey(job);
                q.AddJob<PipelineJob>(j => j.WithIdentity(key).WithDescription($"referral-insights {job}"));
                q.AddTrigger(t =>
                {
                    t.ForJob(key).WithIdentity(job)
                        .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed));
                    if (schedule.Retries > 0) t.WithRetryPolicy(RetryPolicy.Fixed(schedule.Retries, TimeSpan.FromSeconds(schedule.RetryDelaySeconds)));
                });
                var next = new CronExpression(cron, zone).GetNextValidTimeAfter(now);
                log.Line("schedule", $"{job}: \"{cron}\" ({schedule.Timezone}), next at {next?.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
                if (CatchUp.MissedFireTime(cron, zone, history.LastStart(job), now) is { } missed)
                {
                    log.Line("schedule", $"{job}: missed its run at {missed.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC while the scheduler was not running; running it once now");
                    q.AddTrigger(t => t.ForJob(key).WithIdentity(job + PipelineJob.CatchUpSuffix).StartNow());
                }
            }
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);

        using var host = builder.Build();
        log.Line("schedule", $"running {schedule.Jobs.Count} job(s) on {loaded.OutputDir}; history in {history.File}. Ctrl+C or SIGTERM stops after the running job");
        await host.RunAsync(stop);
        log.Line("schedule", "stopped");
    }
}

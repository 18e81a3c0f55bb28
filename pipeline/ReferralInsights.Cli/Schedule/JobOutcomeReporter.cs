using Quartz;

namespace ReferralInsights.Cli.Schedule;

/// <summary>Says how each failed firing ends: retried (the trigger's retry policy scheduled another attempt) or reported
/// failed (its attempts are spent; the job runs again at its next fire time and the scheduler goes on).</summary>
internal sealed class JobOutcomeReporter(ScheduledRunner runner) : IJobListener
{
    public string Name => nameof(JobOutcomeReporter);

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (jobException is null) return ValueTask.CompletedTask;
        var job = context.JobDetail.Key.Name;
        var error = jobException.InnerException?.Message ?? jobException.Message;
        runner.Log.Line("schedule", context.RetryScheduled
            ? $"{job}: failed, retry #{context.RetryAttempt + 1} scheduled: {error}"
            : $"{job}: FAILED after {context.RetryAttempt + 1} attempt(s); next run {Next(context)}: {error}");
        return ValueTask.CompletedTask;
    }

    private static string Next(IJobExecutionContext context) =>
        context.NextFireTimeUtc is { } next ? $"at {next.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : "not scheduled";
}

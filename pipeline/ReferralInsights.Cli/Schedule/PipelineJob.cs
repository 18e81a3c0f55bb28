using Quartz;
using ReferralInsights.Cli.Run;

namespace ReferralInsights.Cli.Schedule;

/// <summary>One firing of a job of <c>schedule.jobs</c> (the job key's name): the run of its scope under the output lock,
/// recorded in the run history. Never two firings of one job at once; a failure is handed to Quartz, whose retry policy
/// on the trigger runs it again (<see cref="JobOutcomeReporter"/> says which).</summary>
[DisallowConcurrentExecution]
internal sealed class PipelineJob(ScheduledRunner runner) : IJob
{
    public const string CatchUpSuffix = ".catch-up";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var job = context.JobDetail.Key.Name;
        var trigger = context.RetryAttempt > 0 ? "retry"
            : context.Trigger.Key.Name.EndsWith(CatchUpSuffix, StringComparison.Ordinal) ? "catch-up" : "schedule";
        try
        {
            runner.Run(new JobStart(job, trigger, context.RetryAttempt), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            throw new JobExecutionException(e.Message, e);
        }
        return ValueTask.CompletedTask;
    }
}

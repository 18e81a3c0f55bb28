using ReferralInsights.Cli.Run;
using ReferralInsights.Config;

namespace ReferralInsights.Cli.Schedule;

/// <summary>Runs a scheduled job's scope as of today (UTC) through <see cref="ExclusiveRun"/>: it waits for the output lock
/// up to <c>output.lock_wait_seconds</c>, so a build that fires while an ingest runs starts after it.</summary>
internal sealed class ScheduledRunner(LoadedConfig loaded, RunLog log, TimeProvider clock)
{
    public RunLog Log => log;

    public void Run(JobStart job, CancellationToken cancel)
    {
        log.Line("schedule", $"{job.Name}: started ({job.Trigger}{(job.Attempt > 0 ? $" #{job.Attempt}" : "")})");
        var asOf = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var outcome = new ExclusiveRun(log, clock).Execute(loaded, job, ScheduledJobs.ScopeOf(job.Name), asOf, fullRefresh: false,
            TimeSpan.FromSeconds(loaded.Config.Output.LockWaitSeconds), cancel);
        log.Line("schedule", $"{job.Name}: succeeded, run {outcome.Manifest.RunId}, {outcome.Manifest.Entities.Sum(e => e.Landed):N0} rows landed");
    }
}

using ReferralInsights.Config;

namespace ReferralInsights.Cli.Run;

/// <summary>A pipeline run as every writer starts one (<c>run</c> and each scheduled job): under the output folder's lock,
/// after recovering what a writer that died left (<see cref="Publication.Recover"/>, <see cref="PendingAudit.Recover"/>),
/// recorded in the run history from start to end. A run that cannot get the lock within its wait is recorded as failed
/// and throws <see cref="OutputLockedException"/>.</summary>
internal sealed class ExclusiveRun(RunLog log, TimeProvider clock)
{
    public RunOutcome Execute(LoadedConfig loaded, JobStart job, RunScope scope, DateOnly asOf, bool fullRefresh, TimeSpan wait,
        CancellationToken cancel = default)
    {
        var layout = new OutputLayout(loaded.OutputDir);
        var history = new RunHistory(layout.Root);
        OutputLock held;
        try
        {
            held = OutputLock.Acquire(layout.Root, job.Name, wait, message => log.Line("lock", message), cancel);
        }
        catch (OutputLockedException e)
        {
            history.Refused(job.Name, job.Trigger, job.Attempt, clock.GetUtcNow().UtcDateTime, e.Message);
            throw;
        }
        using (held)
        {
            Publication.Recover(layout.Root);
            foreach (var repair in PendingAudit.Recover(layout)) log.Line("recover", repair);
            var id = history.Start(job.Name, job.Trigger, job.Attempt, clock.GetUtcNow().UtcDateTime);
            try
            {
                var outcome = new PipelineRunner(log, clock).Run(loaded, asOf, scope, fullRefresh);
                history.Finish(id, clock.GetUtcNow().UtcDateTime, outcome.Manifest, null);
                return outcome;
            }
            catch (Exception e)
            {
                history.Finish(id, clock.GetUtcNow().UtcDateTime, null, e);
                throw;
            }
        }
    }
}

/// <summary>What started a run, for the history: the job ("run", "run --only model", "ingest_crm", …), how it was
/// triggered (manual, schedule, retry, catch-up) and which retry it is (0: the first attempt).</summary>
internal sealed record JobStart(string Name, string Trigger, int Attempt = 0);

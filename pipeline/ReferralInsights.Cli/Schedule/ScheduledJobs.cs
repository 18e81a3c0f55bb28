using ReferralInsights.Cli.Run;
using ReferralInsights.Config;

namespace ReferralInsights.Cli.Schedule;

/// <summary>What each job of <c>schedule.jobs</c> runs: <c>ingest_&lt;source&gt;</c> lands one source (and publishes its
/// state); <c>build</c> runs transform, model, reports and payouts over the published raw zone and publishes them.</summary>
internal static class ScheduledJobs
{
    public static RunScope ScopeOf(string job) => job switch
    {
        "build" => RunScope.Build,
        _ when job.StartsWith("ingest_", StringComparison.Ordinal) && SourcesOptions.Names.Contains(job["ingest_".Length..]) =>
            RunScope.IngestOf(job["ingest_".Length..]),
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, $"not one of {string.Join(", ", ScheduleOptions.JobNames)}"),
    };
}

using Quartz;

namespace ReferralInsights.Cli.Schedule;

/// <summary>The misfire policy for time the scheduler was not running (the machine was off, the service stopped): a job
/// whose next fire time after its last recorded start passed more than <see cref="Threshold"/> ago runs once when the
/// scheduler starts, then follows its schedule (Quartz's "fire once now" for cron triggers, which the triggers also use for
/// firings missed while the scheduler runs). A job that never ran waits for its first fire time.</summary>
internal static class CatchUp
{
    /// <summary>Quartz's default misfire threshold: a firing later than this counts as missed.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromMinutes(1);

    /// <returns>the fire time that was missed, or null when none was</returns>
    public static DateTimeOffset? MissedFireTime(string cron, TimeZoneInfo zone, DateTime? lastStart, DateTimeOffset now)
    {
        if (lastStart is not { } last) return null;
        var next = new CronExpression(cron, zone).GetNextValidTimeAfter(new DateTimeOffset(DateTime.SpecifyKind(last, DateTimeKind.Utc)));
        return next is { } missed && missed < now - Threshold ? missed : null;
    }
}

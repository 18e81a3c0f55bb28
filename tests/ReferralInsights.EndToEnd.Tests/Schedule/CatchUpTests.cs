using ReferralInsights.Cli.Schedule;

namespace ReferralInsights.EndToEnd.Tests.Schedule;

public sealed class CatchUpTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
    private static DateTime Utc_(string iso) => At(iso).UtcDateTime;

    [Fact]
    public void ADailyJobLastRunTwoDaysAgo_MissedTheNextFireTimeAfterThatRun() =>
        Assert.Equal(At("2026-12-02T02:30:00Z"),
            CatchUp.MissedFireTime("0 30 2 * * ?", Utc, Utc_("2026-12-01T02:30:05Z"), At("2026-12-03T10:00:00Z")));

    [Fact]
    public void AFireTimeLessThanTheMisfireThresholdAgo_IsNotMissed_QuartzStillFiresIt() =>
        Assert.Null(CatchUp.MissedFireTime("0 30 2 * * ?", Utc, Utc_("2026-12-01T02:30:05Z"), At("2026-12-02T02:30:59Z")));

    [Fact]
    public void AJobThatNeverRan_WaitsForItsFirstFireTime() =>
        Assert.Null(CatchUp.MissedFireTime("0 30 2 * * ?", Utc, null, At("2026-12-03T10:00:00Z")));

    [Fact]
    public void TheCronIsReadInTheScheduleTimeZone()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"); // UTC+1 in December
        Assert.Equal(At("2026-12-02T01:30:00Z"),
            CatchUp.MissedFireTime("0 30 2 * * ?", berlin, Utc_("2026-12-01T01:30:05Z"), At("2026-12-03T10:00:00Z")));
    }
}

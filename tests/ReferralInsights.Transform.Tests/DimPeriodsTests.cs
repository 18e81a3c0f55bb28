namespace ReferralInsights.Transform.Tests;

/// <summary>dim_periods, the one calendar pages and payouts read: D6 labels with their instants, which periods have
/// finished, which contain as_of, and the quarter whose payout file the run writes.</summary>
public sealed class DimPeriodsTests
{
    private static TestWarehouse Program(int fiscalYearStartMonth)
    {
        var w = new TestWarehouse();
        w.Config = w.Config with { Funnel = w.Config.Funnel with { FiscalYearStartMonth = fiscalYearStartMonth } };
        return w;
    }

    // as_of is a whole day: a quarter's last day closes it; the day before does not. With a fiscal year starting in
    // April, Jan–Mar 2026 is the fourth quarter of fiscal 2025 and Jul–Sep 2026 the second of fiscal 2026.
    [Theory]
    [InlineData(1, "2026-10-31", "2026-Q3")]
    [InlineData(1, "2026-09-30", "2026-Q3")]
    [InlineData(1, "2026-09-29", "2026-Q2")]
    [InlineData(1, "2026-12-31", "2026-Q4")]
    [InlineData(1, "2027-01-01", "2026-Q4")]
    [InlineData(1, "2026-05-31", "2026-Q1")]
    [InlineData(4, "2026-03-31", "2025-Q4")]
    [InlineData(4, "2026-10-31", "2026-Q2")]
    public void LastEndedQuarter_IsTheLatestQuarterWhollyBeforeTheEndOfAsOf(int fiscalYearStartMonth, string asOf, string expected)
    {
        using var w = Program(fiscalYearStartMonth);
        w.Build(asOf);
        Assert.Equal(expected, w.Scalar("SELECT period FROM dim_periods WHERE is_last_ended_quarter"));
    }

    [Theory]
    [InlineData("2025", 1, "2025-01-01 00:00:00", "2026-01-01 00:00:00")]
    [InlineData("2025-Q3", 1, "2025-07-01 00:00:00", "2025-10-01 00:00:00")]
    [InlineData("2025-07", 4, "2025-07-01 00:00:00", "2025-08-01 00:00:00")]
    [InlineData("2025-Q1", 4, "2025-04-01 00:00:00", "2025-07-01 00:00:00")]   // D6: fiscal quarters follow the fiscal year's first month
    [InlineData("2025", 4, "2025-04-01 00:00:00", "2026-04-01 00:00:00")]
    [InlineData("2024", 4, "2024-04-01 00:00:00", "2025-04-01 00:00:00")]      // January 2025 is in fiscal 2024
    public void Period_HasTheInstantsOfItsLabel(string label, int fiscalYearStartMonth, string start, string end)
    {
        using var w = Program(fiscalYearStartMonth);
        w.Partner("P1").Referral("R1", "P1", "2025-01-05", "Alpha");
        w.Build("2026-06-30");
        Assert.Equal([$"{start} | {end}"], w.Lines($"SELECT period_start, period_end FROM dim_periods WHERE period = '{label}'"));
    }

    // No data yet on 2026-10-31: the calendar still reaches back to 2026-Q3 (its payout file is written, empty) and holds
    // the month, quarter and year that contain as_of, and the trailing window (2025-11-01 up to the end of as_of).
    [Fact]
    public void ProgramWithoutData_HasTheLastEndedQuarterAndThePeriodsOfAsOf()
    {
        using var w = Program(1);
        w.Build("2026-10-31");
        Assert.Equal(
        [
            "month | 2026-07 | 2026-07-01 00:00:00 | 2026-08-01 00:00:00 | true | false | false",
            "month | 2026-08 | 2026-08-01 00:00:00 | 2026-09-01 00:00:00 | true | false | false",
            "month | 2026-09 | 2026-09-01 00:00:00 | 2026-10-01 00:00:00 | true | false | false",
            "month | 2026-10 | 2026-10-01 00:00:00 | 2026-11-01 00:00:00 | true | true | false",   // as_of is its last day
            "quarter | 2026-Q3 | 2026-07-01 00:00:00 | 2026-10-01 00:00:00 | true | false | true",
            "quarter | 2026-Q4 | 2026-10-01 00:00:00 | 2027-01-01 00:00:00 | false | true | false",
            "trailing_12m | T12M | 2025-11-01 00:00:00 | 2026-11-01 00:00:00 | true | true | false",
            "year | 2026 | 2026-01-01 00:00:00 | 2027-01-01 00:00:00 | false | true | false",
        ], w.Lines("SELECT * FROM dim_periods ORDER BY period_type, period"));
    }

    // With data, the calendar starts at the first data month, as the reporting periods do; a quarter ending on as_of's
    // last day is finished.
    [Fact]
    public void ProgramWithData_StartsAtItsFirstMonth_AndAQuarterEndingOnAsOfIsFinished()
    {
        using var w = Program(1);
        w.Partner("P1").Referral("R1", "P1", "2025-11-20", "Alpha");
        w.Build("2026-03-31");
        Assert.Equal(
        [
            "2025 | true | false", "2025-11 | true | false", "2025-12 | true | false", "2025-Q4 | true | false",
            "2026 | false | true", "2026-01 | true | false", "2026-02 | true | false", "2026-03 | true | true",
            "2026-Q1 | true | true", "T12M | true | true",
        ], w.Lines("SELECT period, is_finished, contains_as_of FROM dim_periods ORDER BY period"));
    }
}

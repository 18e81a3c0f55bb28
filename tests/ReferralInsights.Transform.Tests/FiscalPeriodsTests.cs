using ReferralInsights.Reports;

namespace ReferralInsights.Transform.Tests;

public sealed class FiscalPeriodsTests
{
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
    public void LastEndedQuarter_IsTheLatestQuarterWhollyBeforeTheEndOfAsOf(int fiscalYearStartMonth, string asOf, string expected) =>
        Assert.Equal(expected, new FiscalPeriods(fiscalYearStartMonth).LastEndedQuarter(DateOnly.Parse(asOf)));
}

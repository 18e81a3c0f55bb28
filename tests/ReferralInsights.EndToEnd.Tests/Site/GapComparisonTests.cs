using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>What the council's enablement gaps compare: whole months of the period that ended by as_of against the same
/// months one period earlier, worked out by hand for a fiscal year starting in April.</summary>
public class GapComparisonTests
{
    private static readonly FiscalPeriods AprilYears = new(4);

    private static ReportPeriod Period(string type, string label, DateOnly asOf)
    {
        var (start, end) = type == ReportPeriod.TrailingType
            ? (asOf.AddYears(-1).AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
            : AprilYears.Range(label);
        return new ReportPeriod(type, label, start, end, type == ReportPeriod.TrailingType || end <= asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
    }

    private static string Describe(GapComparison? c) =>
        c is null ? "none" : $"{c.Before.First}..{c.Before.Last} ({c.Before.Name}) vs {c.Now.First}..{c.Now.Last} ({c.Now.Name})";

    [Fact]
    public void AFinishedYear_IsComparedWithTheYearBefore()
    {
        var asOf = new DateOnly(2026, 10, 15);
        Assert.Equal("2024-04..2025-03 (2024) vs 2025-04..2026-03 (2025)", Describe(GapComparison.Of(Period("year", "2025", asOf), asOf, AprilYears)));
    }

    [Fact]
    public void ARunningYear_ComparesItsWholeMonthsSoFar_WithTheSameMonthsAYearEarlier()
    {
        // fiscal 2026 runs Apr 2026 - Mar 2027; on Oct 15 the whole months are Apr-Sep
        var asOf = new DateOnly(2026, 10, 15);
        var comparison = GapComparison.Of(Period("year", "2026", asOf), asOf, AprilYears);
        Assert.Equal("2025-04..2025-09 (Apr–Sep 2025) vs 2026-04..2026-09 (Apr–Sep 2026)", Describe(comparison));
        Assert.StartsWith("2026 has not ended", comparison!.Explanation);
    }

    [Fact]
    public void AFinishedQuarter_IsComparedWithTheQuarterBefore_AcrossTheYearBoundary()
    {
        // fiscal 2026-Q1 = Apr-Jun 2026; the quarter before is 2025-Q4 = Jan-Mar 2026
        var asOf = new DateOnly(2026, 10, 15);
        Assert.Equal("2026-01..2026-03 (2025-Q4) vs 2026-04..2026-06 (2026-Q1)", Describe(GapComparison.Of(Period("quarter", "2026-Q1", asOf), asOf, AprilYears)));
    }

    [Fact]
    public void TheTrailingWindow_AtAMonthEnd_IsTwelveWholeMonths_AgainstTheTwelveBefore()
    {
        var asOf = new DateOnly(2026, 10, 31);
        Assert.Equal("2024-11..2025-10 (the 12 months before) vs 2025-11..2026-10 (the trailing 12 months)",
            Describe(GapComparison.Of(Period(ReportPeriod.TrailingType, "T12M", asOf), asOf, AprilYears)));
    }

    [Fact]
    public void TheTrailingWindow_MidMonth_ComparesItsElevenWholeMonths()
    {
        // (2025-10-15, 2026-10-15]: Oct 2025 and Oct 2026 are partial, so Nov 2025 - Sep 2026
        var asOf = new DateOnly(2026, 10, 15);
        var comparison = GapComparison.Of(Period(ReportPeriod.TrailingType, "T12M", asOf), asOf, AprilYears);
        Assert.Equal("2024-11..2025-09 (Nov 2024–Sep 2025) vs 2025-11..2026-09 (Nov 2025–Sep 2026)", Describe(comparison));
        Assert.StartsWith("The trailing window does not start on the 1st", comparison!.Explanation);
    }

    [Fact]
    public void APeriodWithNoWholeMonthYet_HasNothingToCompare()
    {
        var asOf = new DateOnly(2026, 10, 30);
        Assert.Equal("none", Describe(GapComparison.Of(Period("quarter", "2026-Q3", asOf), asOf, AprilYears)));
        // on the last day of the month its month has ended
        var monthEnd = new DateOnly(2026, 10, 31);
        Assert.Equal("2026-07..2026-07 (Jul 2026) vs 2026-10..2026-10 (Oct 2026)", Describe(GapComparison.Of(Period("quarter", "2026-Q3", monthEnd), monthEnd, AprilYears)));
    }
}

namespace ReferralInsights.Transform.Tests;

/// <summary>What the council's enablement gaps compare (<c>fct_enablement_gap_spans</c>): whole months of the period
/// that ended by as_of against the same months one period earlier, worked out by hand for a fiscal year starting in
/// April. A referral in April 2024 makes the periods start there.</summary>
public sealed class EnablementGapSpansTests
{
    private static string Spans(string asOf, string periodType, string period)
    {
        using var w = new TestWarehouse();
        w.Config = w.Config with { Funnel = w.Config.Funnel with { FiscalYearStartMonth = 4 } };
        w.Partner("P1").Referral("R1", "P1", "2024-04-10", "Acme");
        w.Build(asOf);
        var lines = w.Lines($"""
            SELECT now_first, now_last, before_first, before_last, whole, before_period, min_referrals
            FROM fct_enablement_gap_spans WHERE period_type = '{periodType}' AND period = '{period}'
            """);
        return lines.Count == 0 ? "none" : lines.Single();
    }

    [Fact]
    public void AFinishedYear_IsComparedWithTheYearBefore() =>
        Assert.Equal("2025-04 | 2026-03 | 2024-04 | 2025-03 | true | 2024 | 10", Spans("2026-10-15", "year", "2025"));

    [Fact]
    public void ARunningYear_ComparesItsWholeMonthsSoFar_WithTheSameMonthsAYearEarlier() =>
        // fiscal 2026 runs Apr 2026 - Mar 2027; on Oct 15 the whole months are Apr-Sep
        Assert.Equal("2026-04 | 2026-09 | 2025-04 | 2025-09 | false | NULL | 10", Spans("2026-10-15", "year", "2026"));

    [Fact]
    public void AFinishedQuarter_IsComparedWithTheQuarterBefore_AcrossTheYearBoundary() =>
        // fiscal 2026-Q1 = Apr-Jun 2026; the quarter before is 2025-Q4 = Jan-Mar 2026
        Assert.Equal("2026-04 | 2026-06 | 2026-01 | 2026-03 | true | 2025-Q4 | 10", Spans("2026-10-15", "quarter", "2026-Q1"));

    [Fact]
    public void TheTrailingWindow_AtAMonthEnd_IsTwelveWholeMonths_AgainstTheTwelveBefore() =>
        Assert.Equal("2025-11 | 2026-10 | 2024-11 | 2025-10 | true | NULL | 10", Spans("2026-10-31", "trailing_12m", "T12M"));

    [Fact]
    public void TheTrailingWindow_MidMonth_ComparesItsElevenWholeMonths() =>
        // (2025-10-15, 2026-10-15]: Oct 2025 and Oct 2026 are partial, so Nov 2025 - Sep 2026
        Assert.Equal("2025-11 | 2026-09 | 2024-11 | 2025-09 | false | NULL | 10", Spans("2026-10-15", "trailing_12m", "T12M"));

    [Fact]
    public void APeriodWithNoWholeMonthYet_HasNoSpans_UntilTheLastDayOfItsFirstMonth()
    {
        // fiscal 2026-Q3 = Oct-Dec 2026
        Assert.Equal("none", Spans("2026-10-30", "quarter", "2026-Q3"));
        Assert.Equal("2026-10 | 2026-10 | 2026-07 | 2026-07 | false | NULL | 10", Spans("2026-10-31", "quarter", "2026-Q3"));
    }
}

using ReferralInsights.Reports;

namespace ReferralInsights.EndToEnd.Tests.Site;

/// <summary>How the council page names the spans of a <c>fct_enablement_gap_spans</c> row: by the periods when both
/// are whole, else by their months.</summary>
public class GapComparisonTests
{
    private static Row Spans(string nowFirst, string nowLast, string beforeFirst, string beforeLast, bool whole, string? beforePeriod) =>
        new(new Dictionary<string, object?>
        {
            ["now_first"] = nowFirst, ["now_last"] = nowLast, ["before_first"] = beforeFirst, ["before_last"] = beforeLast,
            ["whole"] = whole, ["before_period"] = beforePeriod, ["min_referrals"] = 10L,
        });

    private static string Describe(GapComparison c) => $"{c.Before.Name} vs {c.Now.Name}";

    [Fact]
    public void WholePeriods_AreNamedByTheirLabels()
    {
        var quarter = new ReportPeriod("quarter", "2026-Q1", new DateTime(2026, 4, 1), new DateTime(2026, 7, 1), Finished: true);
        var c = GapComparison.Of(quarter, Spans("2026-04", "2026-06", "2026-01", "2026-03", true, "2025-Q4"))!;
        Assert.Equal("2025-Q4 vs 2026-Q1", Describe(c));
        Assert.Equal("Both spans are whole periods.", c.Explanation);
        Assert.Equal(10, c.MinReferrals);
    }

    [Fact]
    public void PartSpans_AreNamedByTheirMonths_AndSayWhyTheyArePartial()
    {
        var year = new ReportPeriod("year", "2026", new DateTime(2026, 4, 1), new DateTime(2027, 4, 1), Finished: false);
        var c = GapComparison.Of(year, Spans("2026-04", "2026-09", "2025-04", "2025-09", false, null))!;
        Assert.Equal("Apr–Sep 2025 vs Apr–Sep 2026", Describe(c));
        Assert.StartsWith("2026 has not ended: its whole months so far are compared with the same months a year earlier", c.Explanation);
    }

    [Fact]
    public void SpansAcrossACalendarYear_NameBothYears()
    {
        var trailing = new ReportPeriod(ReportPeriod.TrailingType, "T12M", new DateTime(2025, 10, 16), new DateTime(2026, 10, 16), Finished: true);
        var c = GapComparison.Of(trailing, Spans("2025-11", "2026-09", "2024-11", "2025-09", false, null))!;
        Assert.Equal("Nov 2024–Sep 2025 vs Nov 2025–Sep 2026", Describe(c));
        Assert.StartsWith("The trailing window does not start on the 1st of a month", c.Explanation);
    }

    [Fact]
    public void NoSpansRow_IsNothingToCompare() =>
        Assert.Null(GapComparison.Of(new ReportPeriod("quarter", "2026-Q3", new DateTime(2026, 10, 1), new DateTime(2027, 1, 1), Finished: false), null));
}

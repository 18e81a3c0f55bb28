using System.Globalization;

namespace ReferralInsights.Reports;

/// <summary>Consecutive calendar months, by their labels in the marts (<c>2026-01</c> … <c>2026-10</c>), and how a page names them.</summary>
internal sealed record MonthSpan(string First, string Last, string Name);

/// <summary>How the council page names what the enablement gaps of a period compare: the spans of its
/// <c>fct_enablement_gap_spans</c> row (whole months of the period ended by as_of against the same months one period
/// earlier), named "2026" / "2025-Q4" when both are whole periods, else by their months ("Jan–Oct 2026").</summary>
internal sealed record GapComparison(MonthSpan Now, MonthSpan Before, long MinReferrals, string Explanation)
{
    /// <summary>Null when the period has no spans row (no whole month of it has ended).</summary>
    public static GapComparison? Of(ReportPeriod period, Row? spans)
    {
        if (spans is null) return null;
        var whole = spans["whole"] is true;
        var now = Span(spans.Text("now_first")!, spans.Text("now_last")!, whole ? NowName(period) : null);
        var before = Span(spans.Text("before_first")!, spans.Text("before_last")!, whole ? spans.Text("before_period") ?? "the 12 months before" : null);
        var explanation = whole ? "Both spans are whole periods."
            : (period.Finished ? "The trailing window does not start on the 1st of a month: its whole months"
                               : $"{period.Label} has not ended: its whole months so far") +
              $" are compared with the same months {(period.LengthInMonths == 12 ? "a year" : "a quarter")} earlier, so both spans are equally long.";
        return new GapComparison(now, before, spans.Long("min_referrals"), explanation);
    }

    private static MonthSpan Span(string first, string last, string? name) => new(first, last, name ?? Name(Month(first), Month(last)));

    private static string NowName(ReportPeriod period) => period.Type == ReportPeriod.TrailingType ? "the trailing 12 months" : period.Label;

    /// <summary>"Oct 2026", "Jan–Oct 2026", "Nov 2025–Oct 2026".</summary>
    private static string Name(DateTime first, DateTime last) =>
        first == last ? Shown(first, withYear: true)
        : first.Year == last.Year ? $"{Shown(first, withYear: false)}–{Shown(last, withYear: true)}"
        : $"{Shown(first, withYear: true)}–{Shown(last, withYear: true)}";

    private static string Shown(DateTime t, bool withYear) => t.ToString(withYear ? "MMM yyyy" : "MMM", CultureInfo.InvariantCulture);

    private static DateTime Month(string label) => DateTime.ParseExact(label, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}

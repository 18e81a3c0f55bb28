using System.Globalization;

namespace ReferralInsights.Reports;

/// <summary>Consecutive calendar months, by their labels in the marts (<c>2026-01</c> … <c>2026-10</c>), and how a page names them.</summary>
public sealed record MonthSpan(string First, string Last, string Name);

/// <summary>What the council's enablement gaps compare for a period, like for like: the whole calendar months of the period
/// that have ended by the end of as_of, against the same months one period earlier (12 months for a year or the trailing
/// window, 3 for a quarter). A finished year or quarter is so compared with the one before; a period still running is
/// compared over its months so far, never with a whole earlier period.</summary>
public sealed record GapComparison(MonthSpan Now, MonthSpan Before, string Explanation)
{
    /// <summary>Null when no whole month of the period has ended.</summary>
    public static GapComparison? Of(ReportPeriod period, DateOnly asOf, FiscalPeriods fiscal)
    {
        var asOfEnd = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var first = MonthStart(period.Start) == period.Start ? period.Start : MonthStart(period.Start).AddMonths(1);
        var end = MonthStart(period.End < asOfEnd ? period.End : asOfEnd);
        if (first >= end) return null;
        var back = period.LengthInMonths;
        var whole = first == period.Start && end == period.End;
        var now = Span(first, end, whole ? NowName(period) : null);
        var before = Span(first.AddMonths(-back), end.AddMonths(-back), whole ? BeforeName(period, fiscal) : null);
        var explanation = whole ? "Both spans are whole periods."
            : (period.Finished ? "The trailing window does not start on the 1st of a month: its whole months"
                               : $"{period.Label} has not ended: its whole months so far") +
              $" are compared with the same months {(back == 12 ? "a year" : "a quarter")} earlier, so both spans are equally long.";
        return new GapComparison(now, before, explanation);
    }

    private static MonthSpan Span(DateTime first, DateTime end, string? name)
    {
        var last = end.AddMonths(-1);
        return new MonthSpan(Label(first), Label(last), name ?? Name(first, last));
    }

    private static string NowName(ReportPeriod period) => period.Type == ReportPeriod.TrailingType ? "the trailing 12 months" : period.Label;

    private static string BeforeName(ReportPeriod period, FiscalPeriods fiscal) => period.Type switch
    {
        "year" => fiscal.Year(DateOnly.FromDateTime(period.Start.AddMonths(-12))),
        "quarter" => fiscal.Quarter(DateOnly.FromDateTime(period.Start.AddMonths(-3))),
        _ => "the 12 months before",
    };

    /// <summary>"Oct 2026", "Jan–Oct 2026", "Nov 2025–Oct 2026".</summary>
    private static string Name(DateTime first, DateTime last) =>
        first == last ? Month(first, withYear: true)
        : first.Year == last.Year ? $"{Month(first, withYear: false)}–{Month(last, withYear: true)}"
        : $"{Month(first, withYear: true)}–{Month(last, withYear: true)}";

    private static string Month(DateTime t, bool withYear) => t.ToString(withYear ? "MMM yyyy" : "MMM", CultureInfo.InvariantCulture);

    private static DateTime MonthStart(DateTime t) => new(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    private static string Label(DateTime monthStart) => monthStart.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

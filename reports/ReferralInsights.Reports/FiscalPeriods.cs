namespace ReferralInsights.Reports;

/// <summary>Period labels as the marts write them (decisions.md D6): months calendar (<c>2025-03</c>); quarters and
/// years fiscal, labelled by the calendar year in which the fiscal year starts (<c>2025-Q1</c>, <c>2025</c>).</summary>
public sealed class FiscalPeriods(int fiscalYearStartMonth)
{
    public string Year(DateOnly date) => FiscalYear(date).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Quarter(DateOnly date)
    {
        var monthIndex = (date.Month - fiscalYearStartMonth + 12) % 12;
        return $"{FiscalYear(date)}-Q{monthIndex / 3 + 1}";
    }

    /// <summary>The latest fiscal quarter that has wholly ended by the end of <paramref name="asOf"/> (as_of is a whole
    /// day): on 2026-09-30 that is the quarter ending then, on 2026-09-29 the one before.</summary>
    public string LastEndedQuarter(DateOnly asOf) => Quarter(asOf.AddDays(1).AddMonths(-3));

    private int FiscalYear(DateOnly date) => date.Month >= fiscalYearStartMonth ? date.Year : date.Year - 1;

    /// <summary>The UTC instants [Start, End) of a label as the marts write it: <c>2025</c> (fiscal year),
    /// <c>2025-Q3</c> (fiscal quarter) or <c>2025-07</c> (calendar month). Anything else throws
    /// <see cref="ArgumentException"/>.</summary>
    public (DateTime Start, DateTime End) Range(string label)
    {
        var match = System.Text.RegularExpressions.Regex.Match(label, @"^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$");
        if (!match.Success) throw new ArgumentException($"period '{label}' is not YYYY, YYYY-Qn or YYYY-MM");
        var year = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var fiscalStart = new DateTime(year, fiscalYearStartMonth, 1, 0, 0, 0, DateTimeKind.Utc);
        if (match.Groups[2].Success)
        {
            var start = fiscalStart.AddMonths(3 * (match.Groups[2].Value[0] - '1'));
            return (start, start.AddMonths(3));
        }
        if (match.Groups[3].Success)
        {
            var start = new DateTime(year, int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 0, 0, 0, DateTimeKind.Utc);
            return (start, start.AddMonths(1));
        }
        return (fiscalStart, fiscalStart.AddMonths(12));
    }
}

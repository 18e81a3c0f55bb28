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

    private int FiscalYear(DateOnly date) => date.Month >= fiscalYearStartMonth ? date.Year : date.Year - 1;
}

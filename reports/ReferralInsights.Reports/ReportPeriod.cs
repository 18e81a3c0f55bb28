namespace ReferralInsights.Reports;

/// <summary>A period of the published calendar (dim_periods): a calendar month, a fiscal quarter, a fiscal year or the
/// trailing twelve months (<see cref="TrailingType"/>, label <c>T12M</c>), as the marts label them, with its UTC instants
/// [Start, End). A period is finished when it ended by the end of as_of; the trailing twelve months are always a whole
/// window. The leadership, council and scorecard pages let a reader pick the years, quarters and trailing window.</summary>
public sealed record ReportPeriod(string Type, string Label, DateTime Start, DateTime End, bool Finished)
{
    public const string TrailingType = "trailing_12m";
    public const string TrailingLabel = "T12M";

    /// <summary>"Fiscal year 2026 to date", "Quarter 2026-Q3", "Trailing 12 months to 31 Oct 2026".</summary>
    public string Title => Type switch
    {
        "year" => $"Fiscal year {Label}",
        "quarter" => $"Quarter {Label}",
        "month" => $"Month {Label}",
        _ => $"Trailing 12 months to {Format.Date(DateOnly.FromDateTime(End.AddDays(-1)))}",
    } + (Finished ? "" : " to date");

    /// <summary>The label in a list of periods: "2026-Q4 (to date)" while the period runs.</summary>
    public string Shown => Finished ? Label : $"{Label} (to date)";

    /// <summary>The picker's text: years and quarters by label, the trailing window by name.</summary>
    public string Option => Type == TrailingType ? "trailing 12 months" : Shown;

    /// <summary>How many months back the period before this one starts (a year's or the trailing window's 12, a quarter's 3).</summary>
    public int LengthInMonths => Type == "quarter" ? 3 : 12;
}

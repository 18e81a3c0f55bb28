namespace ReferralInsights.Reports;

/// <summary>The periods of one site build: every fiscal year and quarter with a program row in fct_program_metrics and the
/// trailing twelve months, each as the published calendar (dim_periods) dates it.</summary>
public sealed class SitePeriods
{
    private readonly PublishedCalendar _calendar;

    public SitePeriods(MartReader marts, PublishedCalendar calendar)
    {
        _calendar = calendar;
        var rows = marts.Query("""
            SELECT period_type, period FROM fct_program_metrics WHERE period_type IN ('year', 'quarter') ORDER BY period_type DESC, period DESC
            """);
        var fiscalPeriods = rows.Select(r => calendar.Period(r.Text("period")!)).ToList();
        Trailing = calendar.Period(ReportPeriod.TrailingLabel);
        Default = calendar.Current("year");
        // years newest first, then the trailing window, then quarters newest first; the current year is always offered
        Pickable = fiscalPeriods.Where(p => p.Type == "year").Prepend(Default).DistinctBy(p => p.Label)
            .Append(Trailing).Concat(fiscalPeriods.Where(p => p.Type == "quarter")).ToList();
    }

    /// <summary>What a page shows before the reader picks: the current fiscal year to date.</summary>
    public ReportPeriod Default { get; }

    public ReportPeriod Trailing { get; }

    /// <summary>The periods offered, in the picker's order.</summary>
    public IReadOnlyList<ReportPeriod> Pickable { get; }

    /// <summary>A fiscal year (<c>2025</c>) or quarter (<c>2025-Q3</c>) as the marts label it.</summary>
    public ReportPeriod Of(string label) => _calendar.Period(label);

    /// <summary>A fiscal year or quarter label as a list shows it: "2026-Q4 (to date)" while it runs.</summary>
    public string Shown(string label) => Of(label).Shown;
}

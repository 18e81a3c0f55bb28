namespace ReferralInsights.Reports;

/// <summary>The periods of one site build: every fiscal year and quarter with a program row in fct_program_metrics and the
/// trailing twelve months, each with its instants and whether it has finished by the end of as_of.</summary>
public sealed class SitePeriods
{
    private readonly Dictionary<(string Type, string Label), ReportPeriod> _byKey;
    private readonly FiscalPeriods _fiscal;
    private readonly DateTime _asOfEnd;

    public SitePeriods(MartReader marts, FiscalPeriods fiscal, DateOnly asOf)
    {
        _fiscal = fiscal;
        _asOfEnd = asOf.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rows = marts.Query("""
            SELECT period_type, period FROM fct_program_metrics WHERE period_type IN ('year', 'quarter') ORDER BY period_type DESC, period DESC
            """);
        var fiscalPeriods = rows.Select(r => Of(r.Text("period_type")!, r.Text("period")!)).ToList();
        // D64: the UTC dates in (as_of − 1 year, as_of], as the marts' trailing_12m_start() counts them
        var trailingStart = asOf.AddYears(-1).AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        Trailing = new ReportPeriod(ReportPeriod.TrailingType, ReportPeriod.TrailingLabel, trailingStart, _asOfEnd, Finished: true);
        Default = Of("year", fiscal.Year(asOf));
        // years newest first, then the trailing window, then quarters newest first; the current year is always offered
        Pickable = fiscalPeriods.Where(p => p.Type == "year").Prepend(Default).DistinctBy(p => p.Label)
            .Append(Trailing).Concat(fiscalPeriods.Where(p => p.Type == "quarter")).ToList();
        _byKey = Pickable.ToDictionary(p => (p.Type, p.Label));
    }

    /// <summary>What a page shows before the reader picks: the current fiscal year to date.</summary>
    public ReportPeriod Default { get; }

    public ReportPeriod Trailing { get; }

    /// <summary>The periods offered, in the picker's order.</summary>
    public IReadOnlyList<ReportPeriod> Pickable { get; }

    /// <summary>A fiscal year (<c>2025</c>) or quarter (<c>2025-Q3</c>) as the marts label it.</summary>
    public ReportPeriod Of(string type, string label)
    {
        if (_byKey?.TryGetValue((type, label), out var known) == true) return known;
        var (start, end) = _fiscal.Range(label);
        return new ReportPeriod(type, label, start, end, end <= _asOfEnd);
    }

    /// <summary>A fiscal year or quarter label as a list shows it: "2026-Q4 (to date)" while it runs.</summary>
    public string Shown(string type, string label) => Of(type, label).Shown;
}

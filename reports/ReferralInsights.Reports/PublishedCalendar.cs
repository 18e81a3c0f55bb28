namespace ReferralInsights.Reports;

/// <summary>The published <c>dim_periods</c>: the one calendar of pages and payouts, with the marts' labels (D6: months
/// calendar, <c>2025-03</c>; quarters and years fiscal, <c>2025-Q1</c>, <c>2025</c>; the trailing window <c>T12M</c>).</summary>
public sealed class PublishedCalendar
{
    private readonly IReadOnlyList<(ReportPeriod Period, bool ContainsAsOf, bool IsLastEndedQuarter)> _rows;
    private readonly Dictionary<string, ReportPeriod> _byLabel;

    public PublishedCalendar(MartReader marts)
    {
        _rows = marts.Query("SELECT * FROM dim_periods ORDER BY period_start, period_type").Select(r => (
            new ReportPeriod(r.Text("period_type")!, r.Text("period")!, Utc(r["period_start"]), Utc(r["period_end"]), (bool)r["is_finished"]!),
            (bool)r["contains_as_of"]!, (bool)r["is_last_ended_quarter"]!)).ToList();
        _byLabel = _rows.ToDictionary(r => r.Period.Label, r => r.Period, StringComparer.Ordinal);
    }

    /// <summary>A period by its label; one the calendar does not hold throws <see cref="ArgumentException"/> naming the
    /// months it covers.</summary>
    public ReportPeriod Period(string label) => _byLabel.TryGetValue(label, out var period) ? period
        : throw new ArgumentException($"period '{label}' is not in the published calendar (dim_periods): use a fiscal year such as {Current("year").Label}, " +
                                      $"a fiscal quarter such as {Current("quarter").Label} or a month from {Months[0].Label} to {Months[^1].Label}");

    /// <summary>The period of <paramref name="type"/> (month, quarter, year) that holds as_of.</summary>
    public ReportPeriod Current(string type) => _rows.Single(r => r.ContainsAsOf && r.Period.Type == type).Period;

    /// <summary>The latest fiscal quarter wholly ended by the end of as_of: what finance pays next.</summary>
    public ReportPeriod LastEndedQuarter => _rows.Single(r => r.IsLastEndedQuarter).Period;

    private IReadOnlyList<ReportPeriod> Months => _rows.Select(r => r.Period).Where(p => p.Type == "month").ToList();

    private static DateTime Utc(object? timestamp) => DateTime.SpecifyKind((DateTime)timestamp!, DateTimeKind.Utc);
}

using DuckDB.NET.Data;

namespace ReferralInsights.Transform.Leadership;

/// <summary>
/// The code model <c>int_deal_size_bootstrap</c>: per (period_type, period, segment) of <c>int_leadership_deals</c>, the
/// 95 % bootstrap interval of the average won deal size (<see cref="MeanBootstrap"/>), over the won deals with an amount
/// taken in opportunity_id order. A seeded resampling loop is C#: DuckDB's <c>random()</c> under parallel execution
/// does not give the same draws on every run, and the marts must be byte-identical for the same inputs.
/// </summary>
internal static class DealSizeBootstrapModel
{
    public static CodeModel Model { get; } = new("int_deal_size_bootstrap", "intermediate", ["int_leadership_deals"], Create);

    private static void Create(DuckDBConnection conn)
    {
        Warehouse.Execute(conn, """
            CREATE OR REPLACE TABLE int_deal_size_bootstrap (
                period_type VARCHAR NOT NULL,
                period VARCHAR NOT NULL,
                segment VARCHAR NOT NULL,
                resamples INTEGER NOT NULL,
                seed INTEGER NOT NULL,
                avg_deal_size_lo DECIMAL(18,2) NOT NULL,
                avg_deal_size_hi DECIMAL(18,2) NOT NULL)
            """);
        using var appender = conn.CreateAppender("int_deal_size_bootstrap");
        // Each group's resampling is seeded on its own, so computing the groups side by side changes no draw.
        var groups = ReadGroups(conn).ToList();
        var intervals = groups.AsParallel().AsOrdered().Select(g => MeanBootstrap.Interval(g.Item2)).ToList();
        foreach (var ((group, _), (lo, hi)) in groups.Zip(intervals))
        {
            appender.CreateRow()
                .AppendValue(group.PeriodType).AppendValue(group.Period).AppendValue(group.Segment)
                .AppendValue(MeanBootstrap.Resamples).AppendValue(MeanBootstrap.Seed).AppendValue(lo).AppendValue(hi)
                .EndRow();
        }
    }

    private static IEnumerable<((string PeriodType, string Period, string Segment), List<decimal>)> ReadGroups(DuckDBConnection conn)
    {
        using var command = conn.CreateCommand();
        command.CommandText = """
            SELECT period_type, period, segment, won_amount_exact FROM int_leadership_deals
            WHERE won_amount_exact IS NOT NULL
            ORDER BY period_type, period, segment, opportunity_id
            """;
        using var reader = command.ExecuteReader();
        (string, string, string)? current = null;
        var amounts = new List<decimal>();
        while (reader.Read())
        {
            var group = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            if (current is { } c && c != group)
            {
                yield return (c, amounts);
                amounts = [];
            }
            current = group;
            amounts.Add(reader.GetDecimal(3));
        }
        if (current is { } last) yield return (last, amounts);
    }
}

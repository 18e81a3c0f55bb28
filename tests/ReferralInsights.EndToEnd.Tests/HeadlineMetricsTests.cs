namespace ReferralInsights.EndToEnd.Tests;

[Collection(SampleProgramCollection.Name)]
public sealed class HeadlineMetricsTests(SampleProgramRun run)
{
    // The five headline metrics of the dashboard, for the three partners with the most referrals in 2025, equal what a
    // plain LINQ reading of rules.md computes from the landed raw rows.
    [Fact]
    public void PartnerMetrics_For2025_EqualAnIndependentComputation()
    {
        using var db = new Db();
        var oracle = new IndependentMetrics(db, run.OutDir, SampleProgramRun.AsOf);
        var rows = db.Rows($"""
            SELECT partner_id, referrals, qualified_rate, conversion_rate, avg_deal_size, median_days_to_close
            FROM '{run.Mart("fct_partner_metrics")}' WHERE period_type = 'year' AND period = '2025'
            ORDER BY referrals DESC, partner_id LIMIT 3
            """);
        Assert.Equal(3, rows.Count);
        foreach (var r in rows)
        {
            var partner = (string)r[0]!;
            var expected = oracle.ForYear(partner, 2025);
            var actual = new IndependentMetrics.Headline(Convert.ToInt64(r[1]), (double?)r[2], (double?)r[3],
                r[4] is null ? null : Convert.ToDecimal(r[4]), r[5] is null ? null : Convert.ToDouble(r[5]));
            Assert.Equal(expected.Referrals, actual.Referrals);
            Assert.Equal(expected.QualifiedRate!.Value, actual.QualifiedRate!.Value, 1e-12);
            Assert.Equal(expected.ConversionRate!.Value, actual.ConversionRate!.Value, 1e-12);
            Assert.Equal(expected.AvgDealSize, actual.AvgDealSize);
            Assert.Equal(expected.MedianDaysToClose, actual.MedianDaysToClose);
        }
    }
}

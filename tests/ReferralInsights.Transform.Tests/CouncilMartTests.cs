namespace ReferralInsights.Transform.Tests;

/// <summary>The council pack's distribution mart (<c>fct_partner_distribution</c>): quartiles interpolated over the
/// partners with a metrics row, worked out by hand.</summary>
public sealed class CouncilMartTests
{
    [Fact]
    public void Distribution_InterpolatesTheQuartilesOfEveryPartnersValue()
    {
        using var w = new TestWarehouse();
        // P1..P4 refer 1, 2, 3 and 4 companies in January 2026: sorted 1 2 3 4, positions (n−1)·q = 0.75, 1.5, 2.25
        // give 1.75, 2.5 and 3.25
        for (var p = 1; p <= 4; p++)
        {
            w.Partner($"P{p}");
            for (var r = 1; r <= p; r++) w.Referral($"R{p}-{r}", $"P{p}", "2026-01-10", $"Company {p}-{r}", domain: $"c{p}-{r}.com");
        }
        w.Build("2026-01-31");
        Assert.Equal(["4 | 1.75 | 2.5 | 3.25"], w.Lines("""
            SELECT partners, lower_quartile, median, upper_quartile FROM fct_partner_distribution
            WHERE period_type = 'month' AND period = '2026-01' AND measure = 'referrals'
            """));
        // no partner has a won deal, so there is no revenue to spread: partners still counted, quartiles empty
        Assert.Equal(["4 | NULL | NULL | NULL"], w.Lines("""
            SELECT partners, lower_quartile, median, upper_quartile FROM fct_partner_distribution
            WHERE period_type = 'month' AND period = '2026-01' AND measure = 'median_days_to_close'
            """));
        Assert.Equal("5", w.Scalar("SELECT count(*) FROM fct_partner_distribution WHERE period_type = 'month' AND period = '2026-01'"));
    }
}

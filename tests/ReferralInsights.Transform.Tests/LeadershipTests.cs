using System.Globalization;
using ReferralInsights.Transform.Leadership;

namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §13 leadership comparisons (partner-sourced vs other closed deals: win rate with its Wilson
/// interval, median days to close, average deal size with its bootstrap interval) and the dispute summary.</summary>
public class LeadershipTests
{
    // One account per deal (so no referral reaches another deal's window), as_of 2025-06-30:
    //   O1 direct (P1)        created 01-01, won  02-01 (31 d), 100
    //   O2 co_referral (P1,P2) created 01-10, won 03-01 (50 d), 200
    //   O3 direct (P1)        created 02-01, lost 03-15 (42 d)
    //   O4 unattributed       created 01-01, won  02-10 (40 d), 400.01
    //   O5 assisted (P1)      created 03-01, lost 04-10 (40 d)
    //   O6 direct (P1)        created 04-01, won  05-01 (30 d), no amount
    //   O7 direct (P1)        open: not in the comparison
    private static TestWarehouse Program()
    {
        var w = new TestWarehouse();
        w.Partner("P1").Partner("P2");
        void Deal(string id, string created, string status, string? closed, decimal? amount, params string[] referrers)
        {
            w.Account("A" + id, "Company " + id, $"c{id}.com").Opportunity(id, "A" + id, created, status, closed, amount, "USD");
            foreach (var p in referrers) w.Referral($"R{id}{p}", p, "2024-12-15", "Company " + id, domain: $"c{id}.com");
        }
        Deal("O1", "2025-01-01", "won", "2025-02-01", 100m, "P1");
        Deal("O2", "2025-01-10", "won", "2025-03-01", 200m, "P1", "P2");
        Deal("O3", "2025-02-01", "lost", "2025-03-15", 10m, "P1");
        Deal("O4", "2025-01-01", "won", "2025-02-10", 400.01m);
        Deal("O5", "2025-03-01", "lost", "2025-04-10", 10m);
        w.Activity("X5", "P1", "2025-03-05", opportunity: "O5");
        Deal("O6", "2025-04-01", "won", "2025-05-01", null, "P1");
        Deal("O7", "2025-04-01", "open", null, 50m, "P1");
        w.Build("2025-06-30");
        return w;
    }

    // Counts, medians, averages and bootstrap bounds worked by hand:
    //   2025-Q1 partner_sourced: O1 O2 O3 → 3 closed, 2 won, days {31, 50, 42} → 42; average (100 + 200)/2 = 150;
    //     bootstrap means of {100, 200} are 100, 150 or 200 with P(100) = P(200) = 1/4 ≫ 2.5 %: bounds 100 and 200.
    //   2025-Q1 other: O4 → 1/1, 40 d, 400.01 with a one-value bootstrap (every mean is 400.01).
    //   2025-Q2 partner_sourced: O6 → 1/1, 30 d, no amount: no average, no interval. other: O5 → 0/1, 40 d.
    //   2025: partner_sourced 4 closed, 3 won, days {30, 31, 42, 50} → 36.5, average 150; other 2 closed, 1 won, 40 d.
    [Fact]
    public void Comparisons_PerQuarterAndYear_BySegment()
    {
        using var w = Program();
        Assert.Equal(
        [
            "quarter | 2025-Q1 | other | 1 | 1 | 1 | 40 | 1 | 400.01 | 400.01 | 400.01",
            "quarter | 2025-Q1 | partner_sourced | 3 | 2 | 0.6666666666666666 | 42 | 2 | 150.00 | 100.00 | 200.00",
            "quarter | 2025-Q2 | other | 1 | 0 | 0 | 40 | 0 | NULL | NULL | NULL",
            "quarter | 2025-Q2 | partner_sourced | 1 | 1 | 1 | 30 | 0 | NULL | NULL | NULL",
            "year | 2025 | other | 2 | 1 | 0.5 | 40 | 1 | 400.01 | 400.01 | 400.01",
            "year | 2025 | partner_sourced | 4 | 3 | 0.75 | 36.5 | 2 | 150.00 | 100.00 | 200.00",
        ], w.Lines("""
            SELECT period_type, period, segment, closed, won, win_rate, median_days_to_close, won_with_amount,
                   avg_deal_size, avg_deal_size_lo, avg_deal_size_hi
            FROM fct_leadership_comparisons ORDER BY 1, 2, 3
            """));
    }

    // The 95 % Wilson score interval, z = 1.959964: 2/3 → (0.207660, 0.938508), 1/1 → (0.206549, 1),
    // 0/1 → (0, 0.793451), 3/4 → (0.300642, 0.954413), 1/2 → (0.094531, 0.905469); 3/10 → (0.1078, 0.6032) is
    // the textbook check of the formula.
    [Fact]
    public void WinRate_WilsonInterval()
    {
        using var w = Program();
        var expected = new Dictionary<string, (double Lo, double Hi)>
        {
            ["2025-Q1 partner_sourced"] = (0.20765960080204768, 0.9385080552796037),
            ["2025-Q1 other"] = (0.20654931437723742, 1.0),
            ["2025-Q2 partner_sourced"] = (0.20654931437723742, 1.0),
            ["2025-Q2 other"] = (0.0, 0.7934506856227626),
            ["2025 partner_sourced"] = (0.3006418425824019, 0.9544127391902995),
            ["2025 other"] = (0.09453120573423071, 0.9054687942657693),
        };
        foreach (var row in w.Rows("SELECT period || ' ' || segment, win_rate_lo, win_rate_hi FROM fct_leadership_comparisons"))
        {
            var (lo, hi) = expected[row[0]!];
            Assert.Equal(lo, double.Parse(row[1]!, CultureInfo.InvariantCulture), 12);
            Assert.Equal(hi, double.Parse(row[2]!, CultureInfo.InvariantCulture), 12);
        }
        using var textbook = new TestWarehouse();
        Assert.Equal("0.1078 | 0.6032", textbook.Lines("""
            SELECT printf('%.4f', (0.3 + z*z/20 - z*sqrt(0.3*0.7/10 + z*z/400)) / (1 + z*z/10)),
                   printf('%.4f', (0.3 + z*z/20 + z*sqrt(0.3*0.7/10 + z*z/400)) / (1 + z*z/10))
            FROM (SELECT 1.959963984540054 AS z)
            """).Single());
    }

    // The bootstrap is seeded: the same values give the same interval every time, and a single value has no spread.
    [Fact]
    public void MeanBootstrap_IsDeterministic()
    {
        decimal[] values = [120m, 80.5m, 300m, 99.99m, 45m, 1000m];
        Assert.Equal(MeanBootstrap.Interval(values), MeanBootstrap.Interval(values));
        var (lo, hi) = MeanBootstrap.Interval(values);
        Assert.True(lo < values.Average() && values.Average() < hi, $"{lo} .. {hi}");
        Assert.Equal((7.77m, 7.77m), MeanBootstrap.Interval([7.77m]));
    }

    // Disputes as of 2025-06-30:
    //   D1 opened 01-10, resolved 02-09 (30 d), resolution partner empty → the claimant: in its favour;
    //   D2 opened 01-20, resolved 04-30 (100 d) to another partner; D3 opened 03-01, rejected 03-11 (10 d);
    //   D4 opened 05-01, open; D5 opened 06-01, resolved 07-15 — after as_of, so open (D2).
    //   Q1: opened 3; decided D1, D3 → 1 resolved, 1 rejected, median (10, 30) = 20, share 1/2.
    //   Q2: opened 2; decided D2 → 1 resolved, median 100, share 0.  2025: 5 opened, 2 + 1 decided, median 30, share 1/3.
    [Fact]
    public void DisputeStats_PerQuarterAndYear()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Partner("P2").Account("A", "Alpha", "a.com").Opportunity("O1", "A", "2025-01-01")
         .Dispute("D1", "O1", "P1", "2025-01-10", "resolved", share: 0.5m, resolved: "2025-02-09")
         .Dispute("D2", "O1", "P1", "2025-01-20", "resolved", resolutionPartner: "P2", share: 1m, resolved: "2025-04-30")
         .Dispute("D3", "O1", "P2", "2025-03-01", "rejected", resolved: "2025-03-11")
         .Dispute("D4", "O1", "P2", "2025-05-01", "open")
         .Dispute("D5", "O1", "P2", "2025-06-01", "resolved", resolutionPartner: "P2", share: 1m, resolved: "2025-07-15");
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "quarter | 2025-Q1 | 3 | 1 | 1 | 20 | 0.5",
            "quarter | 2025-Q2 | 2 | 1 | 0 | 100 | 0",
            "year | 2025 | 5 | 2 | 1 | 30 | 0.3333333333333333",
        ], w.Lines("""
            SELECT period_type, period, opened, resolved, rejected, median_days_to_resolve, claimant_favour_share
            FROM fct_dispute_stats ORDER BY 1, 2
            """));
    }
}

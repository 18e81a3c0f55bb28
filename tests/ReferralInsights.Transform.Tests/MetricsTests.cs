using System.Globalization;

namespace ReferralInsights.Transform.Tests;

/// <summary>rules.md §6 funnel and metrics (D32-D41), worked out by hand for two partners over month/quarter/year.</summary>
public class MetricsTests
{
    // P1: R1 (Mar 5, accepted) and its duplicate R2 (Mar 20) on account A; R3 (Apr 10, no status, matched) on B;
    //     R4 (Apr 15, unmatched, rejected).
    // P2: R5 (Mar 10, accepted) on A.
    // O1 on A: created Mar 15, won May 20, 10,000.01 USD → sourced by P1 (primary, earliest referral: 0.6) and P2 (0.4).
    // O2 on B: created Apr 12, lost Jun 1, 5,000 → P1 alone (1.0). O3 on B: created May 1, open, 2,000, stage Qualified
    //     → P1 alone; R3 sources both O2 and O3 (D41).
    private static TestWarehouse Program()
    {
        var w = new TestWarehouse();
        w.Config.ProgramCosts.Add(new() { Period = "2025-05", Amount = 1000m });
        w.Config.ProgramCosts.Add(new() { Period = "2025", Amount = 120000m });
        w.Partner("P1").Partner("P2")
         .Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2025-03-05", "Alpha", domain: "a.com", status: "accepted", decided: "2025-03-06")
         .Referral("R2", "P1", "2025-03-20", "Alpha", domain: "a.com")
         .Referral("R3", "P1", "2025-04-10", "Beta", domain: "b.com")
         .Referral("R4", "P1", "2025-04-15", "Nowhere", status: "rejected", decided: "2025-04-16")
         .Referral("R5", "P2", "2025-03-10", "Alpha", domain: "a.com", status: "accepted", decided: "2025-03-11")
         .Opportunity("O1", "A", "2025-03-15", "won", "2025-05-20", 10000.01m, "USD", stage: "Closed Won")
         .Opportunity("O2", "B", "2025-04-12", "lost", "2025-06-01", 5000m, "USD", stage: "Closed Lost")
         .Opportunity("O3", "B", "2025-05-01", "open", null, 2000m, "USD", stage: "Qualified");
        w.Build("2025-06-30");
        return w;
    }

    private const string Columns = """
        period_type, period, referrals, duplicates, accepted, qualified, won, lost, qualified_rate, conversion_rate, win_rate,
        CAST(sourced_revenue AS VARCHAR), CAST(avg_deal_size AS VARCHAR), median_days_to_close, p75_days_to_close,
        CAST(open_pipeline AS VARCHAR), CAST(rewards_earned AS VARCHAR)
        """;

    [Fact]
    public void PartnerMetrics_P1_MonthQuarterYear()
    {
        using var w = Program();
        Assert.Equal(
        [
            // Mar: R1 counts, R2 only as duplicate; R1 sources O1 (qualified: Closed Won, won). Pipeline at Apr 1: O1 × 0.6
            "month | 2025-03 | 1 | 1 | 1 | 1 | 1 | 0 | 1 | 1 | 1 | 0.00 | NULL | NULL | NULL | 6000.01 | 0.00",
            // Apr: R3 accepted (empty status, matched), qualified via O3; O2 lost but O3 open → not lost; R4 rejected.
            //      Pipeline at May 1: O1 6,000.006 + O2 5,000 (O3 is created ON May 1, not before) = 11,000.006
            "month | 2025-04 | 2 | 0 | 1 | 1 | 0 | 0 | 0.5 | 0 | NULL | 0.00 | NULL | NULL | NULL | 11000.01 | 0.00",
            // May: O1 closes: 0.6 × 10,000.01 = 6,000.006 → 6,000.01; avg = 6,000.006 / 0.6 = 10,000.01;
            //      days Mar 5 → May 20 = 76. Pipeline at Jun 1: O2 (closes ON Jun 1, not before) 5,000 + O3 2,000
            "month | 2025-05 | 0 | 0 | 0 | 0 | 0 | 0 | NULL | NULL | NULL | 6000.01 | 10000.01 | 76 | 76 | 7000.00 | 0.00",
            // Jun: only credited open pipeline at the as_of end: O3
            "month | 2025-06 | 0 | 0 | 0 | 0 | 0 | 0 | NULL | NULL | NULL | 0.00 | NULL | NULL | NULL | 2000.00 | 0.00",
            "quarter | 2025-Q1 | 1 | 1 | 1 | 1 | 1 | 0 | 1 | 1 | 1 | 0.00 | NULL | NULL | NULL | 6000.01 | 0.00",
            "quarter | 2025-Q2 | 2 | 0 | 1 | 1 | 0 | 0 | 0.5 | 0 | NULL | 6000.01 | 10000.01 | 76 | 76 | 2000.00 | 0.00",
            // the twelve months to Jun 30 (Jul 2024 - Jun 2025) hold everything of 2025 so far, as does the year
            "trailing_12m | T12M | 3 | 1 | 2 | 2 | 1 | 0 | 0.6666666666666666 | 0.3333333333333333 | 1 | 6000.01 | 10000.01 | 76 | 76 | 2000.00 | 0.00",
            "year | 2025 | 3 | 1 | 2 | 2 | 1 | 0 | 0.6666666666666666 | 0.3333333333333333 | 1 | 6000.01 | 10000.01 | 76 | 76 | 2000.00 | 0.00",
        ], w.Lines($"SELECT {Columns} FROM fct_partner_metrics WHERE partner_id = 'P1' ORDER BY period_type, period"));
    }

    [Fact]
    public void PartnerMetrics_P2_SecondaryCredit()
    {
        using var w = Program();
        Assert.Equal(
        [
            "month | 2025-03 | 1 | 0 | 1 | 1 | 1 | 0 | 1 | 1 | 1 | 0.00 | NULL | NULL | NULL | 4000.00 | 0.00",
            // no referral in April, but credited open pipeline (O1 × 0.4) makes the row exist (D38)
            "month | 2025-04 | 0 | 0 | 0 | 0 | 0 | 0 | NULL | NULL | NULL | 0.00 | NULL | NULL | NULL | 4000.00 | 0.00",
            // 0.4 × 10,000.01 = 4,000.004 → 4,000.00; avg 10,000.01; days Mar 10 → May 20 = 71
            "month | 2025-05 | 0 | 0 | 0 | 0 | 0 | 0 | NULL | NULL | NULL | 4000.00 | 10000.01 | 71 | 71 | 0.00 | 0.00",
            "quarter | 2025-Q1 | 1 | 0 | 1 | 1 | 1 | 0 | 1 | 1 | 1 | 0.00 | NULL | NULL | NULL | 4000.00 | 0.00",
            "quarter | 2025-Q2 | 0 | 0 | 0 | 0 | 0 | 0 | NULL | NULL | NULL | 4000.00 | 10000.01 | 71 | 71 | 0.00 | 0.00",
            "trailing_12m | T12M | 1 | 0 | 1 | 1 | 1 | 0 | 1 | 1 | 1 | 4000.00 | 10000.01 | 71 | 71 | 0.00 | 0.00",
            "year | 2025 | 1 | 0 | 1 | 1 | 1 | 0 | 1 | 1 | 1 | 4000.00 | 10000.01 | 71 | 71 | 0.00 | 0.00",
        ], w.Lines($"SELECT {Columns} FROM fct_partner_metrics WHERE partner_id = 'P2' ORDER BY period_type, period"));
    }

    [Fact]
    public void ProgramMetrics_SumsExactlyAndAddsCostRoiAndShare()
    {
        using var w = Program();
        // May: 6,000.006 + 4,000.004 = 10,000.01 exactly (rounded once, not 6,000.01 + 4,000.00 = 10,000.01 by luck);
        // days per deal from the earliest sourcing touch of any partner (Mar 5): 76; cost 1,000 (month label);
        // roi = (10,000.01 × 0.75 − 1,000) / 1,000; all won revenue of May is O1 → share 1
        Assert.Equal(
            "month | 2025-05 | 0 | 0 | 0 | 0 | 0 | 0 | NULL | NULL | NULL | 10000.01 | 10000.01 | 76 | 76 | 7000.00 | 0.00 | 1000.00 | 1",
            w.Lines($"SELECT {Columns}, CAST(program_cost AS VARCHAR), partner_share_of_new_revenue FROM fct_program_metrics WHERE period = '2025-05'").Single());
        // year: R1, R3, R4, R5 (R2 duplicate); accepted R1, R3, R5; qualified R1, R3, R5; won R1, R5.
        // cost: 120,000 (year label) + 1,000 (the May cost rolls up, D39)
        Assert.Equal(
            "year | 2025 | 4 | 1 | 3 | 3 | 2 | 0 | 0.75 | 0.5 | 1 | 10000.01 | 10000.01 | 76 | 76 | 2000.00 | 0.00 | 121000.00",
            w.Lines($"SELECT {Columns}, CAST(program_cost AS VARCHAR) FROM fct_program_metrics WHERE period_type = 'year'").Single());
        // cost per qualified referral: 121,000 / 3 = 40,333.333… → 40,333.33; May has a cost but no qualified referral → NULL
        Assert.Equal(["2025 | 40333.33", "2025-05 | NULL"],
            w.Lines("SELECT period, cost_per_qualified_referral FROM fct_program_metrics WHERE period IN ('2025', '2025-05') ORDER BY period"));
        var roi = w.Rows("SELECT period, roi FROM fct_program_metrics WHERE period IN ('2025-05', '2025-Q1', '2025') ORDER BY period")
            .ToDictionary(r => r[0]!, r => r[1] is null ? (double?)null : double.Parse(r[1]!, CultureInfo.InvariantCulture));
        Assert.Equal((10000.01 * 0.75 - 1000) / 1000, roi["2025-05"]!.Value, 12);
        Assert.Equal((10000.01 * 0.75 - 121000) / 121000, roi["2025"]!.Value, 12);
        Assert.Null(roi["2025-Q1"]);   // no cost in Q1: a zero denominator is NULL
        // Q2 carries the May cost (D39 roll-up)
        Assert.Equal("1000.00", w.Scalar("SELECT CAST(program_cost AS VARCHAR) FROM fct_program_metrics WHERE period = '2025-Q2'"));
    }

    [Fact]
    public void Referrals_FunnelColumns()
    {
        using var w = Program();
        Assert.Equal(
        [
            "R1 | P1 | A | false | NULL | accepted | [O1] | 2025-03-15 00:00:00 | 2025-05-20 00:00:00 | NULL",
            "R2 | P1 | A | true | R1 | NULL | [] | NULL | NULL | NULL",
            "R3 | P1 | B | false | NULL | NULL | [O2,O3] | 2025-05-01 00:00:00 | NULL | NULL",
            "R4 | P1 | NULL | false | NULL | rejected | [] | NULL | NULL | NULL",
            "R5 | P2 | A | false | NULL | accepted | [O1] | 2025-03-15 00:00:00 | 2025-05-20 00:00:00 | NULL",
        ], w.Lines("""
            SELECT referral_id, partner_id, account_id, is_duplicate, duplicate_of, status, sourced_opportunity_ids,
                   qualified_at, won_at, lead_score
            FROM fct_referrals ORDER BY referral_id
            """));
    }

    [Fact]
    public void FiscalYear_StartingInApril_LabelsQuartersAndYearsByStartYear()
    {
        // D6: months stay calendar; with fiscal_year_start_month 4, March 2025 is in fiscal 2024-Q4
        using var w = new TestWarehouse();
        w.Config = w.Config with { Funnel = w.Config.Funnel with { FiscalYearStartMonth = 4 } };
        w.Partner("P1").Referral("R1", "P1", "2025-03-31 23:59:59", "Alpha").Referral("R2", "P1", "2025-04-01", "Beta");
        w.Build("2025-06-30");
        Assert.Equal(["month | 2025-03 | 1", "month | 2025-04 | 1", "quarter | 2024-Q4 | 1", "quarter | 2025-Q1 | 1", "trailing_12m | T12M | 2", "year | 2024 | 1", "year | 2025 | 1"],
            w.Lines("SELECT period_type, period, referrals FROM fct_partner_metrics ORDER BY period_type, period"));
    }
    [Fact]
    public void ProgramCosts_RollUpByFiscalLabels_AndFuturePeriodsDoNotExist()
    {
        // D39 + D6 with the fiscal year starting in April: "2025-Q2" is Jul-Sep 2025 and rolls into year "2025";
        // "2025-05" (calendar month) lies in fiscal 2025-Q1; "2025-Q4" starts in Jan 2026, after as_of → no row
        using var w = new TestWarehouse();
        w.Config = w.Config with { Funnel = w.Config.Funnel with { FiscalYearStartMonth = 4 } };
        w.Config.ProgramCosts.Add(new() { Period = "2025-Q2", Amount = 300m });
        w.Config.ProgramCosts.Add(new() { Period = "2025-05", Amount = 50.005m });
        w.Config.ProgramCosts.Add(new() { Period = "2025-Q4", Amount = 999m });
        w.Build("2025-09-30");
        Assert.Equal(
            ["month | 2025-05 | 50.01", "quarter | 2025-Q1 | 50.01", "quarter | 2025-Q2 | 300.00", "trailing_12m | T12M | 350.01", "year | 2025 | 350.01"],
            w.Lines("SELECT period_type, period, CAST(program_cost AS VARCHAR) FROM fct_program_metrics ORDER BY period_type, period"));
    }

    [Fact]
    public void TrailingTwelveMonths_AreTheTierReviewWindow_AndTakeCostsProRataByDays()
    {
        // as_of 2025-06-30: T12M holds the instants [2024-07-01, 2025-07-01) (D64's dates (as_of − 1 year, as_of]).
        // R1 (Jun 30, 2024, 23:59:59) is a second too early; R2 (Jul 1, 2024) and R3 (Jun 30, 2025, 23:59:59) count.
        // O1 is R1's and closes inside the window: its revenue counts by closed_at even though R1 does not.
        using var w = new TestWarehouse().WithExampleRewards();
        w.Config.ProgramCosts.Add(new() { Period = "2024", Amount = 36600m });     // Jul-Dec: 184 of 366 days → 18,400.00
        w.Config.ProgramCosts.Add(new() { Period = "2025", Amount = 1000m });      // Jan-Jun: 181 of 365 → 495.890… → 495.89
        w.Config.ProgramCosts.Add(new() { Period = "2025-06", Amount = 10.005m }); // whole month inside → 10.01
        w.Config.ProgramCosts.Add(new() { Period = "2024-Q2", Amount = 1000m });   // Apr-Jun 2024: outside
        w.Partner("P1").Account("A", "Alpha", "a.com").Account("B", "Beta", "b.com")
         .Referral("R1", "P1", "2024-06-30 23:59:59", "Alpha", domain: "a.com")
         .Referral("R2", "P1", "2024-07-01", "Beta", domain: "b.com")
         .Referral("R3", "P1", "2025-06-30 23:59:59", "Nowhere")
         .Opportunity("O1", "A", "2024-07-05", "won", "2024-08-01", 1000m, "USD", stage: "Closed Won")
         .Opportunity("O2", "B", "2024-07-02", "won", "2025-06-30 23:00:00", 500m, "USD", stage: "Closed Won");
        w.Build("2025-06-30");
        Assert.Equal("2 | 1 | 1500.00",
            w.Lines("SELECT referrals, won, CAST(sourced_revenue AS VARCHAR) FROM fct_partner_metrics WHERE period_type = 'trailing_12m' AND period = 'T12M'").Single());
        Assert.Equal("1500.00", w.Scalar("SELECT CAST(trailing_sourced_revenue AS VARCHAR) FROM tier_recommendations WHERE partner_id = 'P1'"));
        // 18,400.00 + 495.89 + 10.01; no reward was earned (P1 has not signed the agreement: rewards withheld)
        Assert.Equal("18905.90", w.Scalar("SELECT CAST(program_cost AS VARCHAR) FROM fct_program_metrics WHERE period_type = 'trailing_12m'"));
        Assert.Equal("trailing_12m | T12M | 2024-07-01 00:00:00 | 2025-07-01 00:00:00",
            w.Lines("SELECT period_type, period, period_start, period_end FROM int_periods WHERE period_type = 'trailing_12m'").Single());
    }
}

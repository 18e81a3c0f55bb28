using ReferralInsights.Reports;
using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>The payout file for finance (<see cref="PayoutFile"/>), read from published marts: the payable and capped
/// rewards earned in the period that no payout line has paid, per partner with a total.</summary>
public sealed class PayoutFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ri-payouts-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>The 2025-Q1 payout file from the warehouse's published marts.</summary>
    private (PayoutFileSummary Summary, string Csv) WriteQ1(TestWarehouse w)
    {
        var marts = Path.Combine(_dir.FullName, "marts");
        Warehouse.PublishMarts(w.Connection, marts);
        using var reader = new MartReader(marts);
        var quarter = new PublishedCalendar(reader).Period("2025-Q1");
        var csv = new StringWriter { NewLine = "\n" };
        var summary = PayoutFile.Write(reader, quarter.Start, quarter.End, csv);
        return (summary, csv.ToString());
    }

    [Fact]
    public void PayoutFile_ForAQuarter_ListsUnpaidPayableRewardsAndClawbacks_WithATotalPerPartner()
    {
        // 2025-Q1 = [2025-01-01, 2025-04-01). P1: upfront R1 (50), milestone R1 (250, O1 qualifies at creation),
        // commission O1 (10,000 × 5 % = 500) and its clawback (refund 19 days later, −500) → total 300; R2's upfront was
        // already paid (PAY2) → left out. P2 is unsigned (withheld) → left out. P3's reward is earned in Q2 → left out.
        // P4's name has a comma → quoted (RFC 4180); its reward one second before the quarter ends is in.
        using var w = new TestWarehouse().WithExampleRewards();
        w.Partner("P1", signed: Signed).Partner("P2").Partner("P3", signed: Signed).Partner("P4", signed: Signed)
         .Exec("UPDATE raw_portal__partners SET name = 'Acme, Inc.' WHERE partner_id = 'P4'")
         .Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-01-05", "Alpha", domain: "a.com", status: "accepted", decided: "2025-01-10")
         .Opportunity("O1", "A", "2025-02-01", "won", "2025-03-01", 10000m, stage: "Closed Won", refunded: "2025-03-20")
         .Referral("R2", "P1", "2025-02-05", "Beta", status: "accepted", decided: "2025-02-10")
         .Payout("PAY2", "P1", "upfront:R2", 50m, "2025-03-15")
         .Referral("R5", "P2", "2025-02-05", "Gamma", status: "accepted", decided: "2025-02-10")
         .Referral("R3", "P3", "2025-03-25", "Delta", status: "accepted", decided: "2025-04-01")
         .Referral("R4", "P4", "2025-03-25", "Epsilon", status: "accepted", decided: "2025-03-31 23:59:59");
        w.Build("2025-06-30");

        var (summary, csv) = WriteQ1(w);

        Assert.Equal("""
            line,partner_id,partner_name,reward_id,type,referral_id,opportunity_id,tier,earned_at,status,amount
            reward,P1,Partner P1,upfront:R1,upfront,R1,,Registered,2025-01-10T00:00:00Z,payable,50.00
            reward,P1,Partner P1,milestone:R1,milestone,R1,,Registered,2025-02-01T00:00:00Z,payable,250.00
            reward,P1,Partner P1,commission:O1:P1,commission,R1,O1,Registered,2025-03-01T00:00:00Z,payable,500.00
            reward,P1,Partner P1,clawback:O1:P1,clawback,R1,O1,Registered,2025-03-20T00:00:00Z,payable,-500.00
            partner_total,P1,Partner P1,,,,,,,,300.00
            reward,P4,"Acme, Inc.",upfront:R4,upfront,R4,,Registered,2025-03-31T23:59:59Z,payable,50.00
            partner_total,P4,"Acme, Inc.",,,,,,,,50.00

            """, csv);
        Assert.Equal(new PayoutFileSummary(5, 2, 350m), summary);
    }

    // Partner-supplied text that a spreadsheet would run as a formula (OWASP: = + - @ tab CR first) gets a leading '; the
    // amounts, negative ones included, are written as they are.
    [Fact]
    public void PayoutFile_NeutralisesFormulasInPartnerText_AndLeavesNegativeAmountsAlone()
    {
        using var w = new TestWarehouse().WithExampleRewards();
        w.Partner("P1", signed: Signed).Partner("P2", signed: Signed)
         .Exec("UPDATE raw_portal__partners SET name = '=HYPERLINK(\"http://evil.example\",\"pay\")' WHERE partner_id = 'P1'")
         .Exec("UPDATE raw_portal__partners SET name = '-2+3' WHERE partner_id = 'P2'")
         .Account("A", "Alpha", "a.com")
         .Referral("R1", "P1", "2025-01-05", "Alpha", domain: "a.com", status: "accepted", decided: "2025-01-10")
         .Opportunity("O1", "A", "2025-02-01", "won", "2025-03-01", 10000m, stage: "Closed Won", refunded: "2025-03-20")
         .Referral("R2", "P2", "2025-02-05", "Beta", status: "accepted", decided: "2025-02-10");
        w.Build("2025-06-30");

        var (_, csv) = WriteQ1(w);

        Assert.Equal("""
            line,partner_id,partner_name,reward_id,type,referral_id,opportunity_id,tier,earned_at,status,amount
            reward,P1,"'=HYPERLINK(""http://evil.example"",""pay"")",upfront:R1,upfront,R1,,Registered,2025-01-10T00:00:00Z,payable,50.00
            reward,P1,"'=HYPERLINK(""http://evil.example"",""pay"")",milestone:R1,milestone,R1,,Registered,2025-02-01T00:00:00Z,payable,250.00
            reward,P1,"'=HYPERLINK(""http://evil.example"",""pay"")",commission:O1:P1,commission,R1,O1,Registered,2025-03-01T00:00:00Z,payable,500.00
            reward,P1,"'=HYPERLINK(""http://evil.example"",""pay"")",clawback:O1:P1,clawback,R1,O1,Registered,2025-03-20T00:00:00Z,payable,-500.00
            partner_total,P1,"'=HYPERLINK(""http://evil.example"",""pay"")",,,,,,,,300.00
            reward,P2,'-2+3,upfront:R2,upfront,R2,,Registered,2025-02-10T00:00:00Z,payable,50.00
            partner_total,P2,'-2+3,,,,,,,,50.00

            """, csv);
    }

    // payouts --period takes the labels of the published calendar; another is refused with what the calendar holds.
    [Fact]
    public void Period_NotInThePublishedCalendar_IsRefusedNamingWhatItHolds()
    {
        using var w = new TestWarehouse();
        w.Partner("P1").Referral("R1", "P1", "2025-01-05", "Alpha");
        w.Build("2025-06-30");
        var marts = Path.Combine(_dir.FullName, "marts");
        Warehouse.PublishMarts(w.Connection, marts);
        using var reader = new MartReader(marts);

        var e = Assert.Throws<ArgumentException>(() => new PublishedCalendar(reader).Period("2024-Q4"));

        Assert.Equal("period '2024-Q4' is not in the published calendar (dim_periods): use a fiscal year such as 2025, " +
                     "a fiscal quarter such as 2025-Q2 or a month from 2025-01 to 2025-06", e.Message);
    }
}

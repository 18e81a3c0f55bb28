namespace ReferralInsights.Transform.Tests;

/// <summary>D1/D2 point-in-time replay and D33/D66 opportunity state.</summary>
public class PointInTimeTests
{
    [Fact]
    public void Opportunities_AsOfReplay_QualifiedAtAndClosedWithoutDate()
    {
        using var w = new TestWarehouse();
        w.Account("A", "Alpha", "a.com")
         // D2: closed after as_of → still open at as_of, no closed_at, so "won always counts" does not apply yet
         .Opportunity("O-LATER", "A", "2025-03-01", "won", "2025-07-01 00:00:00", 10m)
         // D1: closed at the last instant of as_of's day → closed
         .Opportunity("O-LASTSEC", "A", "2025-03-01", "lost", "2025-06-30 23:59:59", 10m)
         // D2: created after as_of → does not exist
         .Opportunity("O-FUTURE", "A", "2025-07-01", "open", null, 10m)
         // D33: stage history decides (case-insensitive), the first entry into a qualified stage; later rows after as_of ignored
         .Opportunity("O-HIST", "A", "2025-03-01", "open", null, 10m, stage: "Negotiation")
         .Stage("O-HIST", "Discovery", "2025-03-01").Stage("O-HIST", "PROPOSAL", "2025-03-20").Stage("O-HIST", "Qualified", "2025-04-01")
         // D33: no history → created_at when the current stage qualifies
         .Opportunity("O-CUR", "A", "2025-03-05", "open", null, 10m, stage: "Qualified")
         // D33: won always counts: min(that, closed_at); D66 won without closed_at closes at created_at (no updated_at)
         .Opportunity("O-WON-NODATE", "A", "2025-03-07", "won", null, 10m, stage: "Closed Won Custom")
         // history exists but never reaches a qualified stage → not qualified
         .Opportunity("O-NOQ", "A", "2025-03-01", "lost", "2025-04-01", 10m, stage: "Closed Lost")
         .Stage("O-NOQ", "Discovery", "2025-03-01")
         .Stage("O-NOQ", "Qualified", "2025-07-02");   // after as_of: did not happen
        w.Build("2025-06-30");
        Assert.Equal(
        [
            "O-CUR | open | NULL | 2025-03-05 00:00:00",
            "O-HIST | open | NULL | 2025-03-20 00:00:00",
            "O-LASTSEC | lost | 2025-06-30 23:59:59 | NULL",
            "O-LATER | open | NULL | NULL",
            "O-NOQ | lost | 2025-04-01 00:00:00 | NULL",
            "O-WON-NODATE | won | 2025-03-07 00:00:00 | 2025-03-07 00:00:00",
        ], w.Lines("SELECT opportunity_id, status, closed_at, qualified_at FROM fct_opportunities ORDER BY 1"));
    }
}

namespace ReferralInsights.Transform.Tests;

/// <summary>Staging keeps one version of each key that several raw batches hold, payouts as every keyed entity: a payout
/// edited at the portal database and landed again by a later incremental read is that read's version; between files the
/// later batch, then the later file, wins (payout_id is unique downstream: fct_reconciliation's data tests).</summary>
public sealed class StagingVersionsTests
{
    private const string AsOf = "2025-12-31";

    private static string Payout(string id, string amount, string ingested, string file, int line) =>
        $"INSERT INTO raw_portal__payouts (payout_id, partner_id, reward_id, amount, paid_at, _ingested_at, _source_file, _line) " +
        $"VALUES ('{id}', 'P1', 'upfront:R1', {amount}, TIMESTAMP '2025-03-01', TIMESTAMP '{ingested}', '{file}', {line})";

    [Fact]
    public void Payouts_OneVersionPerPayoutId_TheLatestBatchWins()
    {
        using var w = new TestWarehouse();
        w.Partner("P1")
         .Exec(Payout("PAY1", "50", "2026-01-01", "portal.db#payouts", 1))
         .Exec(Payout("PAY1", "55", "2026-01-02", "portal.db#payouts", 2))        // the edited row, read incrementally
         .Exec(Payout("PAY2", "10", "2026-01-01", "portal/payouts/a.csv", 1))
         .Exec(Payout("PAY2", "10", "2026-01-03", "portal/payouts/b.csv", 1));    // b.csv changed later; a.csv did not
        w.Build(AsOf);

        Assert.Equal(["PAY1 | 55.000000 | portal.db#payouts", "PAY2 | 10.000000 | portal/payouts/b.csv"],
            w.Lines("SELECT payout_id, amount, _source_file FROM stg_portal__payouts ORDER BY 1, 3"));
    }
}

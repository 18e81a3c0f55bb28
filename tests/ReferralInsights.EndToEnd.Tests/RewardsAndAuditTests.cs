namespace ReferralInsights.EndToEnd.Tests;

/// <summary>Rewards, reconciliation, the published rewards table, the payout file and the audit log on the generated
/// sample program, through the CLI as an operator would use them.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class RewardsAndAuditTests(SampleProgramRun run)
{
    private string AuditLog => Path.Combine(run.OutDir, "audit", "audit_log.ndjson");

    // A fresh run records every decision (each reward, each reward-model split of a sourced opportunity, each standing
    // review decision) and one run entry, and `audit verify` finds the chain intact.
    [Fact]
    public void AuditVerify_OnAFreshRun_FindsTheChainIntact()
    {
        using var db = new Db();
        var decisions = db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_rewards")}'")
                        + db.Scalar<long>($"""
                            SELECT count(DISTINCT opportunity_id) FROM '{run.Mart("fct_attribution")}' WHERE is_reward_model AND role <> 'assist'
                            """)
                        + db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_compliance_flags")}' WHERE review_status IN ('cleared', 'upheld')");

        var (exit, output, error) = Cli.Invoke("audit", "verify", "--config", run.ConfigPath);

        Assert.True(exit == 0, error);
        Assert.Equal($"chain intact: {decisions + 1} entries", output.Trim());
    }

    // An entry edited in place (an amount raised) is found, and the first broken seq named, with exit code 1.
    [Fact]
    public void AuditVerify_OnATamperedLog_FailsNamingTheFirstBrokenSeq()
    {
        var root = Path.Combine(run.Root, "tampered");
        Directory.CreateDirectory(Path.Combine(root, "out", "audit"));
        File.Copy(run.ConfigPath, Path.Combine(root, "pipeline.yaml"));
        var lines = File.ReadAllLines(AuditLog);
        var target = Array.FindIndex(lines, l => l.Contains("\"decision\":\"payable 250.00\""));
        lines[target] = lines[target].Replace("payable 250.00", "payable 2500.00");
        File.WriteAllLines(Path.Combine(root, "out", "audit", "audit_log.ndjson"), lines);

        var (exit, _, error) = Cli.Invoke("audit", "verify", "--config", Path.Combine(root, "pipeline.yaml"));

        Assert.Equal(1, exit);
        Assert.Equal($"chain broken at seq {target + 1}: seq {target + 1} was altered: its hash does not match its content", error.Trim());
    }

    // The sample's payouts were made by a finance team applying rules.md §7 independently (the generator): nearly every
    // paid reward reconciles as matched, and every payout line paid by as_of is in exactly one reconciliation row.
    [Fact]
    public void Reconciliation_MatchesTheSamplesPayouts_AndPlacesEveryPayoutLineOnce()
    {
        using var db = new Db();
        var paidLines = db.Scalar<long>($"""
            SELECT count(*) FROM read_csv('{Path.Combine(run.SampleDir, "portal", "payouts.csv")}', all_varchar = true)
            WHERE CAST(paid_at AS TIMESTAMPTZ) < TIMESTAMPTZ '{SampleProgramRun.AsOf.AddDays(1):yyyy-MM-dd} 00:00:00+00'
            """);
        Assert.Equal(paidLines, db.Scalar<long>($"SELECT count(*) FROM (SELECT unnest(payout_ids) FROM '{run.Mart("fct_reconciliation")}')"));
        var matchedShare = db.Scalar<double>($"""
            SELECT count(*) FILTER (WHERE status = 'matched') / count(*) FROM '{run.Mart("fct_reconciliation")}'
            WHERE len(payout_ids) > 0 AND status <> 'orphan_payment'
            """);
        Assert.True(matchedShare > 0.9, $"only {matchedShare:P1} of paid rewards match");
    }

    // The rewards table is published beside the dashboard, linked from it, with the configured terms: the table in force
    // since 2026-07-01 (Gold 12 %) and, under "Earlier terms", the one before it (Gold 10 %, 2024-01-01 to 2026-06-30).
    [Fact]
    public void Site_PublishesTheRewardsTable_WithEachVersionOfTheTerms()
    {
        var table = File.ReadAllText(Path.Combine(run.OutDir, "site", "rewards-table.html"));
        Assert.Contains("href=\"rewards-table.html\"", File.ReadAllText(Path.Combine(run.OutDir, "site", "index.html")));
        const string gold = "<td>Gold</td><td class=\"num\">≥ $400,000</td><td class=\"num\">≥ 15</td><td class=\"num\">$150</td><td class=\"num\">$750</td>";
        var current = table.IndexOf("<h2>Tiers in force since 1 Jul 2026</h2>", StringComparison.Ordinal);
        var earlier = table.IndexOf("<h2>Earlier terms</h2><h3>From 1 Jan 2024 until 30 Jun 2026</h3>", StringComparison.Ordinal);
        Assert.True(current >= 0 && earlier > current, "the current table, then the earlier one");
        var currentGold = table.IndexOf(gold + "<td class=\"num\">12 %</td>", current, StringComparison.Ordinal);
        Assert.InRange(currentGold, current, earlier);
        Assert.True(table.IndexOf(gold + "<td class=\"num\">10 %</td>", earlier, StringComparison.Ordinal) > earlier);
        foreach (var expected in new[] { "$25,000", "$150,000", "90 days" })
            Assert.Contains(expected, table);
    }

    // Gold's commission went from 10 % to 12 % on 2026-07-01 (pipeline.yaml rewards.effective_from): each commission keeps
    // the rate of the table in force on the day its deal closed, so the change restates nothing earned before it.
    [Fact]
    public void Commissions_ArePaidAtTheTermsInForceOnTheDayTheyWereEarned()
    {
        using var db = new Db();
        Assert.Equal(
        [
            "Gold | false | 0.100000", "Gold | true | 0.120000", "Registered | false | 0.050000", "Registered | true | 0.050000",
            "Silver | false | 0.080000", "Silver | true | 0.080000",
        ], db.Rows($"""
            SELECT DISTINCT tier || ' | ' || (earned_at >= TIMESTAMP '2026-07-01') || ' | ' || CAST(rate AS VARCHAR) AS line
            FROM '{run.Mart("fct_rewards")}' WHERE type = 'commission' ORDER BY line
            """).Select(r => (string)r[0]!));
    }

    // The payout file of a quarter lists the unpaid payable and capped rewards earned in it; its partner totals add up
    // to the same figure computed straight from the marts. `run` published the same file for 2026-Q3, the latest
    // quarter that ended by as_of 2026-10-31.
    [Fact]
    public void Payouts_ForAQuarter_ListTheUnpaidRewardsWithPartnerTotals()
    {
        var file = Path.Combine(run.Root, "payouts-2026-Q3.csv");

        var (exit, output, error) = Cli.Invoke("payouts", "--period", "2026-Q3", "--config", run.ConfigPath, "--out", file);

        Assert.True(exit == 0, error);
        using var db = new Db();
        var expected = db.Rows($"""
            SELECT count(*), CAST(sum(amount) AS VARCHAR) FROM '{run.Mart("fct_rewards")}' AS r
            WHERE status IN ('payable', 'capped') AND earned_at >= TIMESTAMP '2026-07-01' AND earned_at < TIMESTAMP '2026-10-01'
              AND reward_id NOT IN (SELECT reward_id FROM '{run.Mart("fct_reconciliation")}' WHERE len(payout_ids) > 0 AND reward_id IS NOT NULL)
            """).Single();
        var csv = db.Rows($"""
            SELECT count(*) FILTER (WHERE line = 'reward'), CAST(sum(CAST(amount AS DECIMAL(18,2))) FILTER (WHERE line = 'partner_total') AS VARCHAR)
            FROM read_csv('{file}', all_varchar = true)
            """).Single();
        Assert.Equal(expected, csv);
        Assert.Contains($"{expected[0]:N0} rewards", output);
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(run.OutDir, "payouts", "2026-Q3.csv")));
    }

    // The period is looked up in the published calendar (dim_periods), which runs from the sample's first month to as_of.
    [Fact]
    public void Payouts_ForAPeriodOutsideThePublishedCalendar_Fail_NamingWhatItHolds()
    {
        var (exit, _, error) = Cli.Invoke("payouts", "--period", "2030-Q1", "--config", run.ConfigPath);

        Assert.Equal(1, exit);
        Assert.Equal("period '2030-Q1' is not in the published calendar (dim_periods): use a fiscal year such as 2026, " +
                     "a fiscal quarter such as 2026-Q4 or a month from 2024-07 to 2026-10", error.Trim());
    }
}

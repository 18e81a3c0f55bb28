using System.Net;
using System.Text.RegularExpressions;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary><c>simulate --rewards</c> on the generated sample program: the published history replayed under a candidate
/// rewards table, compared with the published marts.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class RewardWhatIfTests(SampleProgramRun run)
{
    private string WhatIfMart(string name) => Path.Combine(run.OutDir, "what-if", "marts", name + ".parquet");
    private string Site(string file) => Path.Combine(run.OutDir, "site", file);

    /// <summary>The <c>rewards:</c> section of the run's pipeline.yaml, as text, edited by <paramref name="edit"/>, written as a candidate.</summary>
    private string Candidate(string name, Func<string, string> edit)
    {
        var config = File.ReadAllText(run.ConfigPath);
        var section = Regex.Match(config, @"^rewards:\n(?:(?:[ #].*)?\n)+", RegexOptions.Multiline).Value;
        Assert.Contains("tiers:", section);
        var path = Path.Combine(run.Root, name);
        File.WriteAllText(path, edit(section));
        return path;
    }

    private (int Exit, string Output, string Error) Simulate(string candidate) =>
        Cli.Invoke("simulate", "--rewards", candidate, "--config", run.ConfigPath);

    // The current table replayed over the same raw zone and as-of must give back the published rewards exactly: every reward
    // row, every partner's and every year's delta zero.
    [Fact]
    public void Simulate_CurrentTable_GivesZeroDeltasEverywhere()
    {
        var (exit, output, error) = Simulate(Candidate("same.yaml", s => s));

        Assert.True(exit == 0, error + output);
        using var db = new Db();
        Assert.Equal(0L, db.Scalar<long>($"""
            SELECT count(*) FROM ((SELECT * FROM '{run.Mart("fct_rewards")}' EXCEPT ALL SELECT * FROM '{WhatIfMart("fct_rewards")}')
                                  UNION ALL (SELECT * FROM '{WhatIfMart("fct_rewards")}' EXCEPT ALL SELECT * FROM '{run.Mart("fct_rewards")}'))
            """));
        var partners = db.Rows($"SELECT delta, current_cost, candidate_cost, current_withheld, candidate_withheld FROM read_csv('{Site("what-if/partner-deltas.csv")}', all_varchar = true)");
        Assert.Equal(db.Scalar<long>($"SELECT count(DISTINCT partner_id) FROM '{run.Mart("fct_rewards")}'"), partners.Count);
        Assert.All(partners, p => Assert.Equal(("0.00", p[1], p[3]), (p[0], p[2], p[4])));
        var years = db.Rows($"SELECT change FROM read_csv('{Site("what-if/program-by-year.csv")}', all_varchar = true)");
        Assert.Equal(db.Scalar<long>($"SELECT count(*) FROM '{run.Mart("fct_program_metrics")}' WHERE period_type = 'year'"), years.Count);
        Assert.All(years, y => Assert.Equal("$0", y[0]));
        Assert.Contains("Partners paid more: 0, less: 0", output);
        Assert.Contains("The candidate's terms are the current table's.", WebUtility.HtmlDecode(File.ReadAllText(Site("what-if.html"))));
    }

    // Doubling every tier's commission rate doubles each commission's terms amount. The check is on uncapped_amount (what the
    // terms give before either cap) because caps do not double: the per-deal cap and the annual cap cut the doubled amounts
    // more. Each amount is rounded to cents once (D10), so cents(2x) may differ from 2·cents(x) by a cent when x had a
    // fraction of a cent; the exact equality is asserted per partner over the commissions whose published amount needed no
    // rounding (uncapped_amount = basis_amount × rate), and every other commission is held to that one cent.
    [Fact]
    public void Simulate_DoubledCommissionRates_DoubleEachPartnersCommissionBeforeCaps()
    {
        var (exit, output, error) = Simulate(Candidate("double.yaml", s => Regex.Replace(s, @"commission_rate: ([0-9.]+)",
            m => $"commission_rate: {decimal.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 2}")));

        Assert.True(exit == 0, error + output);
        using var db = new Db();
        var commissions = $"""
            SELECT c.partner_id, c.reward_id, c.rate AS c_rate, n.rate AS n_rate, c.basis_amount AS c_basis, n.basis_amount AS n_basis,
                   c.uncapped_amount AS c_amount, n.uncapped_amount AS n_amount, c.uncapped_amount = c.basis_amount * c.rate AS exact
            FROM '{run.Mart("fct_rewards")}' AS c
            FULL JOIN (SELECT * FROM '{WhatIfMart("fct_rewards")}' WHERE type = 'commission') AS n USING (reward_id)
            WHERE c.type = 'commission' OR n.type = 'commission'
            """;
        Assert.Equal(0L, db.Scalar<long>($"SELECT count(*) FROM ({commissions}) WHERE c_rate IS NULL OR n_rate IS NULL"));
        Assert.Equal(0L, db.Scalar<long>($"SELECT count(*) FROM ({commissions}) WHERE n_rate <> 2 * c_rate OR n_basis <> c_basis"));
        Assert.Equal(0L, db.Scalar<long>($"SELECT count(*) FROM ({commissions}) WHERE abs(n_amount - 2 * c_amount) > 0.01"));
        var perPartner = db.Rows($"""
            SELECT partner_id, sum(c_amount), sum(n_amount) FROM ({commissions}) WHERE exact GROUP BY partner_id ORDER BY partner_id
            """);
        Assert.True(perPartner.Count >= 50, $"only {perPartner.Count} partners have commissions to compare");
        Assert.All(perPartner, p => Assert.Equal((p[0], 2 * (decimal)p[1]!), (p[0], (decimal)p[2]!)));
        Assert.True(db.Scalar<long>($"SELECT count(*) FILTER (WHERE exact) * 10 - count(*) * 9 FROM ({commissions})") >= 0,
            "fewer than 90 % of the commissions needed no rounding: the exact comparison no longer covers most of them");

        // Commission only: every bonus keeps its terms amount.
        Assert.Equal(0L, db.Scalar<long>($"""
            SELECT count(*) FROM '{run.Mart("fct_rewards")}' AS c JOIN '{WhatIfMart("fct_rewards")}' AS n USING (reward_id)
            WHERE c.type IN ('upfront', 'milestone', 'assist') AND c.uncapped_amount <> n.uncapped_amount
            """));

        // the page's headline numbers are those of the two marts folders: program cost summed over the fiscal years,
        // partners compared by their reward cost
        var page = ReferralInsights.EndToEnd.Tests.Site.PageMetrics.Of(Site("what-if.html"));
        decimal Cost(string marts) => db.Scalar<decimal>($"SELECT sum(program_cost) FROM '{marts}' WHERE period_type = 'year'");
        static decimal Dollars(decimal amount) => Math.Round(amount, 0, MidpointRounding.AwayFromZero);
        var current = Cost(run.Mart("fct_program_metrics"));
        var candidate = Cost(WhatIfMart("fct_program_metrics"));
        Assert.True(candidate > current);
        Assert.Equal(Dollars(current), page.Number("what_if_current_cost"));
        Assert.Equal(Dollars(candidate), page.Number("what_if_candidate_cost"));
        Assert.StartsWith($"+${Dollars(candidate - current):#,##0} (+", page.Text("what_if_cost_change"));
        var changed = db.Rows($"""
            SELECT count(*) FILTER (WHERE coalesce(n.cost, 0) > coalesce(c.cost, 0)), count(*) FILTER (WHERE coalesce(n.cost, 0) < coalesce(c.cost, 0)),
                   count(*) FILTER (WHERE coalesce(n.cost, 0) = coalesce(c.cost, 0))
            FROM '{run.Mart("fct_partner_reward_totals")}' AS c FULL JOIN '{WhatIfMart("fct_partner_reward_totals")}' AS n USING (partner_id)
            """).Single();
        Assert.Equal($"{changed[0]:#,##0} / {changed[1]:#,##0} / {changed[2]:#,##0}", page.Text("what_if_partners_changed"));
    }

    [Fact]
    public void Simulate_CandidateWithAnError_ReportsFileLineColumnAndRunsNothing()
    {
        var candidate = Candidate("broken.yaml", s => s.Replace("  clawback_days: 90", "  clawback_days: -5"));
        var line = File.ReadAllLines(candidate).ToList().FindIndex(l => l.StartsWith("  clawback_days:")) + 1;

        var (exit, _, error) = Simulate(candidate);

        Assert.Equal(2, exit);
        Assert.Contains($"{candidate}:{line}:3: rewards.clawback_days: ", error);
        Assert.Contains("Nothing ran.", error);
    }
}

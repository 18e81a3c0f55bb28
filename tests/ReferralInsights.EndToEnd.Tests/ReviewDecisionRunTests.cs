using System.Text.Json.Nodes;
using ReferralInsights.EndToEnd.Tests.Site;

namespace ReferralInsights.EndToEnd.Tests;

/// <summary>The sample's review decisions (decisions/reviews.yaml, both dated 2026-10-15, before the as-of): a program owner
/// cleared restricted_industry:R-0001777 and upheld restricted_industry:R-0000009. The run releases what the first held,
/// keeps the second's rewards withheld, writes both to the audit trail, and the compliance page lists what still waits.</summary>
[Collection(SampleProgramCollection.Name)]
public sealed class ReviewDecisionRunTests(SampleProgramRun run)
{
    private const string Cleared = "restricted_industry:R-0001777";
    private const string Upheld = "restricted_industry:R-0000009";

    [Fact]
    public void TheClearedFlag_ReleasesEveryRewardOfItsReferral_AndSaysHowMuch()
    {
        using var db = new Db();
        var rewards = db.Rows($"""
            SELECT reward_id, status, coalesce(reason, ''), array_to_string(flag_ids, ' '), array_to_string(cleared_flag_ids, ' '), amount
            FROM '{run.Mart("fct_rewards")}' WHERE referral_id = 'R-0001777' ORDER BY reward_id
            """);
        Assert.NotEmpty(rewards);
        // nothing else withholds them: each is payable (or capped), covered by no flag, released by the clearing
        Assert.All(rewards, r => Assert.Equal(("", Cleared), ((string)r[3]!, (string)r[4]!)));
        Assert.All(rewards, r => Assert.Contains((string)r[1]!, new[] { "payable", "capped" }));
        var flag = db.Rows($"""
            SELECT review_status, decided_by, strftime(decided_at, '%Y-%m-%d'), withheld_rewards, released_rewards, released_amount, days_waiting,
                   date_diff('day', CAST(raised_at AS DATE), DATE '2026-10-15')
            FROM '{run.Mart("fct_compliance_flags")}' WHERE flag_id = '{Cleared}'
            """).Single();
        Assert.Equal(["cleared", "ana.lopez@sample-program.example", "2026-10-15", 0L, (long)rewards.Count], flag[..5]);
        Assert.Equal(rewards.Sum(r => (decimal)r[5]!), (decimal)flag[5]!);
        Assert.Equal(flag[7], flag[6]);   // it waited from the referral's submission to the decision
    }

    [Fact]
    public void TheUpheldFlag_KeepsItsRewardsWithheld()
    {
        using var db = new Db();
        var rewards = db.Rows($"""
            SELECT status, reason, array_to_string(flag_ids, ' '), len(cleared_flag_ids) FROM '{run.Mart("fct_rewards")}' WHERE referral_id = 'R-0000009'
            """);
        Assert.NotEmpty(rewards);
        Assert.All(rewards, r => Assert.Equal(("withheld", Upheld, 0L), ((string)r[0]!, (string)r[2]!, Convert.ToInt64(r[3]))));
        Assert.All(rewards, r => Assert.Contains("restricted_industry", ((string)r[1]!).Split(';')));
        Assert.Equal(["upheld", (long)rewards.Count, 0L],
            db.Rows($"SELECT review_status, withheld_rewards, released_rewards FROM '{run.Mart("fct_compliance_flags")}' WHERE flag_id = '{Upheld}'").Single());
    }

    [Fact]
    public void BothDecisions_AreInTheAuditTrail_WithWhoWhenAndWhy()
    {
        var reviews = File.ReadLines(Path.Combine(run.OutDir, "audit", "audit_log.ndjson"))
            .Select(l => JsonNode.Parse(l)!.AsObject()).Where(e => (string)e["entity"]! == "review")
            .OrderBy(e => (string)e["entity_id"]!, StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            $"{Upheld} | upheld by ana.lopez@sample-program.example at 2026-10-15T00:00:00Z | Federal agency; rewards for public-sector referrals stay withheld under the partner terms.",
            $"{Cleared} | cleared by ana.lopez@sample-program.example at 2026-10-15T00:00:00Z | Legal approved the municipal utility deal; the restricted-industry list targets government procurement.",
        ], reviews.Select(e => $"{e["entity_id"]} | {e["decision"]} | {e["inputs"]!["why"]}"));
        // each released reward's own entry names the clearing
        var released = File.ReadLines(Path.Combine(run.OutDir, "audit", "audit_log.ndjson"))
            .Select(l => JsonNode.Parse(l)!.AsObject()).Where(e => (string)e["entity"]! == "reward" && e["inputs"]!["referral_id"]?.GetValue<string>() == "R-0001777")
            .ToList();
        Assert.NotEmpty(released);
        Assert.All(released, e => Assert.Equal(Cleared, (string)e["inputs"]!["cleared_flag_ids"]!));
    }

    [Fact]
    public void TheCompliancePage_ListsTheFlagsStillWaiting_OldestFirst_AndTheDecisionsTaken()
    {
        using var db = new Db();
        var expected = db.Rows($"""
            SELECT flag_id, CAST(days_waiting AS VARCHAR), CAST(withheld_amount AS VARCHAR) FROM '{run.Mart("fct_compliance_flags")}'
            WHERE review_status = 'waiting' ORDER BY days_waiting DESC, flag_id
            """).Select(r => $"{r[0]} | {r[1]} | {r[2]}").ToList();
        var site = Path.Combine(run.OutDir, "site", "compliance");
        var waiting = PageCsv.Records(Path.Combine(site, "reviews-waiting.csv"));
        Assert.Equal(expected, waiting.Select(r => $"{r["flag"]} | {r["waiting (days)"]} | {r["amount held (USD)"]}"));
        Assert.DoesNotContain(waiting, r => r["flag"] is Cleared or Upheld);

        Assert.Equal([$"{Upheld} | upheld | ana.lopez@sample-program.example", $"{Cleared} | cleared | ana.lopez@sample-program.example"],
            PageCsv.Records(Path.Combine(site, "reviews-decided.csv")).Select(r => $"{r["flag"]} | {r["decision"]} | {r["by"]}").OrderBy(l => l, StringComparer.Ordinal));
        var html = File.ReadAllText(Path.Combine(run.OutDir, "site", "compliance.html"));
        Assert.Contains($"data-metric=\"reviews_waiting\"", html);
    }
}

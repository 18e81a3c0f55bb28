using System.Globalization;
using static ReferralInsights.Transform.Tests.RewardTerms;

namespace ReferralInsights.Transform.Tests;

/// <summary>The set-based annual cap (int_reward_annual_caps: closed form iterated to a fixpoint) must give exactly what
/// rules.md §7 / D49-D51 say when read as a walk, reward by reward. Checked against a plain C# walk on a random program
/// with a small cap (many crossings) and many refunds (clawbacks of cut and of withheld commissions, across years).</summary>
public class AnnualCapInvariantTests
{
    private const decimal Cap = 3000m;

    private static readonly Lazy<TestWarehouse> Built = new(() =>
    {
        var w = new TestWarehouse().WithExampleRewards();
        w.Config = w.Config with { Rewards = w.Config.Rewards with { Caps = w.Config.Rewards.Caps with { PerPartnerPerYear = Cap } } };
        w.Exec($"""
            SELECT setseed(0.17);
            INSERT INTO raw_portal__partners (partner_id, name, type, tier, status, joined_at, code_of_conduct_signed_at, data_privacy_signed_at)
            SELECT 'P' || i, 'Partner ' || i, 'consultant', CASE i % 3 WHEN 0 THEN 'Registered' WHEN 1 THEN 'Silver' ELSE 'Gold' END,
                   'active', TIMESTAMP '2023-01-01', TIMESTAMP '{Signed}', TIMESTAMP '{Signed}'
            FROM range(12) t(i);
            INSERT INTO raw_crm__accounts (account_id, name, domain, created_at)
            SELECT 'A' || i, 'Company ' || i, 'co' || i || '.com', TIMESTAMP '2023-01-01' FROM range(400) t(i);
            INSERT INTO raw_portal__referrals (referral_id, partner_id, submitted_at, company_name, company_domain, status, decided_at)
            SELECT 'R' || i, 'P' || CAST(floor(random() * random() * 12) AS INTEGER), submitted, 'Company ' || a, 'co' || a || '.com',
                   'accepted', submitted + INTERVAL 2 DAY
            FROM (SELECT i, CAST(floor(random() * 400) AS INTEGER) AS a,
                         TIMESTAMP '2024-01-01' + to_seconds(CAST(floor(random() * 86400 * 700) AS BIGINT)) AS submitted
                  FROM range(1500) t(i));
            INSERT INTO raw_crm__opportunities (opportunity_id, account_id, amount, stage, status, created_at, closed_at, refunded_at)
            SELECT 'O' || i, 'A' || a, round(CAST(random() * 60000 AS DECIMAL(18,6)), 2), 'Closed Won', 'won', created, closed,
                   CASE WHEN random() < 0.35 THEN closed + to_seconds(CAST(floor(random() * 86400 * 100) AS BIGINT)) END
            FROM (SELECT i, a, created, created + to_seconds(CAST(floor(random() * 86400 * 120) AS BIGINT)) AS closed
                  FROM (SELECT i, CAST(floor(random() * 400) AS INTEGER) AS a,
                               TIMESTAMP '2024-01-15' + to_seconds(CAST(floor(random() * 86400 * 680) AS BIGINT)) AS created
                        FROM range(900) t(i)));
            """);
        w.Build("2026-06-30");
        return w;
    });

    private sealed record Candidate(string RewardId, string PartnerId, int Year, decimal Amount, bool IsClawback, string? CommissionId);

    [Fact]
    public void CountedAmounts_EqualASequentialWalkInCapOrder()
    {
        var w = Built.Value;
        var candidates = w.Rows("""
                SELECT reward_id, partner_id, year(earned_at), amount, type = 'clawback', commission_reward_id
                FROM int_reward_candidates WHERE withholding IS NULL
                ORDER BY partner_id, earned_at, type = 'clawback', reward_id
                """)
            .Select(r => new Candidate(r[0]!, r[1]!, int.Parse(r[2]!, CultureInfo.InvariantCulture), decimal.Parse(r[3]!, CultureInfo.InvariantCulture),
                r[4] == "true", r[5]))
            .ToList();
        var counted = new Dictionary<string, decimal>();
        var yearTotals = new Dictionary<(string, int), decimal>();
        var expected = new List<string>();
        foreach (var c in candidates)
        {
            var total = yearTotals.GetValueOrDefault((c.PartnerId, c.Year));
            var amount = c.IsClawback ? -counted[c.CommissionId!] : Math.Min(c.Amount, Cap - total);
            counted[c.RewardId] = amount;
            yearTotals[(c.PartnerId, c.Year)] = total + amount;
            expected.Add($"{c.RewardId} | {amount:0.00} | {total + amount:0.00}");
        }

        var actual = w.Lines("SELECT reward_id, counted_amount, year_total FROM int_reward_annual_caps");
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

        // the program exercises what makes the cap hard: crossings, withheld rewards, clawbacks of cut commissions
        Assert.True(candidates.Count(c => !c.IsClawback && counted[c.RewardId] == 0) > 20, "rewards withheld by the cap");
        Assert.True(candidates.Count(c => !c.IsClawback && counted[c.RewardId] > 0 && counted[c.RewardId] < c.Amount) > 10, "crossings");
        Assert.True(candidates.Count(c => c.IsClawback && counted[c.RewardId] != 0
                                          && -counted[c.RewardId] < candidates.First(x => x.RewardId == c.CommissionId).Amount) > 0,
            "clawbacks of cut commissions");
    }

    [Fact]
    public void PayableAndCappedRewards_NeverExceedTheCapInAnyPartnerYear_AndOnlyLiveClawbacksExist()
    {
        var w = Built.Value;
        Assert.Equal("0", w.Scalar($"""
            SELECT count(*) FROM (
                SELECT partner_id, year(earned_at), sum(amount) AS total FROM fct_rewards
                WHERE status IN ('payable', 'capped') GROUP BY ALL HAVING sum(amount) > {Cap})
            """));
        // every clawback reverses a commission that ended payable or capped, by exactly its final amount (D50)
        Assert.Equal("0", w.Scalar("""
            SELECT count(*) FROM fct_rewards AS k
            LEFT JOIN fct_rewards AS c ON c.reward_id = replace(k.reward_id, 'clawback:', 'commission:')
            WHERE k.type = 'clawback' AND (c.status NOT IN ('payable', 'capped') OR c.amount <> -k.amount OR c.reward_id IS NULL)
            """));
    }
}

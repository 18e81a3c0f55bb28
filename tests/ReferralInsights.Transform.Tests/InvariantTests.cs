using System.Globalization;
using Xunit.Abstractions;

namespace ReferralInsights.Transform.Tests;

/// <summary>Invariants that must hold on any data, checked on a synthetic program generated in SQL (a few thousand
/// referrals and opportunities, tens of thousands of clicks): unique grains, credits summing to 1, program totals
/// equal to the partners' sums.</summary>
public class InvariantTests(ITestOutputHelper output)
{
    private static readonly Lazy<TestWarehouse> Built = new(() =>
    {
        var w = new TestWarehouse();
        w.Config.ProgramCosts.Add(new() { Period = "2024", Amount = 50000m });
        w.Config.Fx["EUR"] = 1.08m;
        w.Exec("""
            SELECT setseed(0.42);
            INSERT INTO raw_portal__partners (partner_id, name, type, tier, status, joined_at, domain)
            SELECT 'P' || lpad(i::VARCHAR, 3, '0'), 'Partner ' || i, 'consultant', 'Registered', 'active', TIMESTAMP '2023-01-01',
                   CASE WHEN i % 10 = 0 THEN 'co' || (i * 7) || '.com' END
            FROM range(60) t(i);
            INSERT INTO raw_crm__accounts (account_id, name, domain, created_at)
            SELECT 'A' || i, 'Company ' || i || CASE WHEN i % 3 = 0 THEN ' Inc.' ELSE '' END,
                   CASE WHEN i % 5 <> 0 THEN 'co' || i || '.com' END,
                   TIMESTAMP '2023-01-01' + to_days(CAST(floor(random() * 700) AS INTEGER))
            FROM range(2000) t(i);
            INSERT INTO raw_crm__contacts (contact_id, account_id, email, created_at)
            SELECT 'C' || i, 'A' || (i % 2000), 'person' || i || '@co' || (i % 2000) || '.com', TIMESTAMP '2023-01-01'
            FROM range(3000) t(i);
            INSERT INTO raw_portal__referrals (referral_id, partner_id, submitted_at, company_name, company_domain, contact_email, status)
            SELECT 'R' || lpad(i::VARCHAR, 5, '0'), 'P' || lpad(CAST(floor(random() * 62) AS INTEGER)::VARCHAR, 3, '0'),
                   TIMESTAMP '2023-06-01' + to_seconds(CAST(floor(random() * 86400 * 700) AS BIGINT)),
                   'Company ' || a, CASE WHEN random() < 0.6 THEN 'https://www.co' || a || '.com/' END,
                   CASE WHEN random() < 0.5 THEN 'x@' || CASE WHEN random() < 0.2 THEN 'gmail.com' ELSE 'co' || a || '.com' END END,
                   CASE WHEN random() < 0.1 THEN 'rejected' WHEN random() < 0.6 THEN 'accepted' END
            FROM (SELECT i, CAST(floor(random() * 2200) AS INTEGER) AS a FROM range(5000) t(i));
            INSERT INTO raw_crm__opportunities (opportunity_id, account_id, amount, currency, stage, status, created_at, closed_at)
            SELECT 'O' || i, 'A' || a, round(CAST(random() * 100000 AS DECIMAL(18,6)), 3), CASE WHEN random() < 0.2 THEN 'EUR' END,
                   CASE WHEN s < 0.3 THEN 'Closed Won' WHEN s < 0.6 THEN 'Closed Lost' ELSE 'Proposal' END,
                   CASE WHEN s < 0.3 THEN 'won' WHEN s < 0.6 THEN 'lost' ELSE 'open' END,
                   created, CASE WHEN s < 0.6 THEN created + to_days(CAST(floor(random() * 200) AS INTEGER)) END
            FROM (SELECT i, CAST(floor(random() * 2000) AS INTEGER) AS a, random() AS s,
                         TIMESTAMP '2023-08-01' + to_seconds(CAST(floor(random() * 86400 * 650) AS BIGINT)) AS created
                  FROM range(3000) t(i));
            INSERT INTO raw_portal__links (referral_code, partner_id)
            SELECT 'L' || i, 'P' || lpad((i % 60)::VARCHAR, 3, '0') FROM range(120) t(i);
            INSERT INTO raw_clicks__clicks (click_id, clicked_at, referral_code, visitor_id, ip_hash)
            SELECT 'K' || i, TIMESTAMP '2023-06-01' + to_seconds(CAST(floor(random() * 86400 * 700) AS BIGINT)),
                   'L' || CAST(floor(random() * 125) AS INTEGER), 'V' || CAST(floor(random() * 8000) AS INTEGER),
                   'ip' || CAST(floor(random() * 500) AS INTEGER)
            FROM range(40000) t(i);
            INSERT INTO raw_clicks__conversions (conversion_id, visitor_id, email, converted_at)
            SELECT 'CV' || i, 'V' || CAST(floor(random() * 8000) AS INTEGER),
                   'buyer' || i || '@co' || CAST(floor(random() * 2000) AS INTEGER) || '.com',
                   TIMESTAMP '2023-07-01' + to_seconds(CAST(floor(random() * 86400 * 680) AS BIGINT))
            FROM range(6000) t(i);
            INSERT INTO raw_crm__activities (activity_id, type, occurred_at, opportunity_id, account_id, partner_id)
            SELECT 'X' || i, 'meeting', TIMESTAMP '2023-08-01' + to_seconds(CAST(floor(random() * 86400 * 650) AS BIGINT)),
                   CASE WHEN random() < 0.5 THEN 'O' || CAST(floor(random() * 3000) AS INTEGER) END,
                   'A' || CAST(floor(random() * 2000) AS INTEGER), 'P' || lpad(CAST(floor(random() * 60) AS INTEGER)::VARCHAR, 3, '0')
            FROM range(3000) t(i);
            INSERT INTO raw_portal__disputes (dispute_id, opportunity_id, claimant_partner_id, opened_at, status, resolution_share, resolved_at)
            SELECT 'D' || i, 'O' || (i * 37), 'P' || lpad((i % 60)::VARCHAR, 3, '0'), TIMESTAMP '2025-01-01',
                   CASE WHEN i % 3 = 0 THEN 'open' ELSE 'resolved' END, CASE WHEN i % 2 = 0 THEN 0.5 END, TIMESTAMP '2025-02-01'
            FROM range(40) t(i);
            """);
        w.Build("2025-04-30");
        return w;
    });

    [Fact]
    public void Grains_AreUnique()
    {
        var w = Built.Value;
        Assert.Equal("0", w.Scalar("SELECT count(*) - count(DISTINCT referral_id) FROM fct_referrals"));
        Assert.Equal("0", w.Scalar("SELECT count(*) - count(DISTINCT opportunity_id) FROM fct_opportunities"));
        Assert.Equal("0", w.Scalar("SELECT count(*) - count(DISTINCT (touch_id, opportunity_id)) FROM fct_touches"));
        Assert.Equal("0", w.Scalar("SELECT count(*) - count(DISTINCT (opportunity_id, partner_id, model)) FROM fct_attribution"));
        Assert.Equal("0", w.Scalar("SELECT count(*) - count(DISTINCT (partner_id, period_type, period)) FROM fct_partner_metrics"));
        Assert.Equal("0", w.Scalar("SELECT count(*) - count(DISTINCT (period_type, period)) FROM fct_program_metrics"));
        // a touch without opportunity appears once (D21)
        Assert.Equal("0", w.Scalar("""
            SELECT count(*) FROM (SELECT touch_id FROM fct_touches GROUP BY touch_id
                                  HAVING count(*) FILTER (WHERE opportunity_id IS NULL) > 0 AND count(*) > 1)
            """));
        foreach (var m in new[] { "fct_referrals", "fct_touches", "fct_attribution", "fct_partner_metrics" })
            Assert.NotEqual("0", w.Scalar($"SELECT count(*) FROM {m}"));
    }

    [Fact]
    public void Credits_SumToOnePerOpportunityAndModel_AndRolesAreConsistent()
    {
        var w = Built.Value;
        Assert.Equal("0", w.Scalar("""
            SELECT count(*) FROM (
                SELECT opportunity_id, model, sum(credit) AS s FROM fct_attribution WHERE role <> 'assist'
                GROUP BY ALL HAVING abs(s - 1) > 0.000000000000001)
            """));
        Assert.Equal("0", w.Scalar("SELECT count(*) FROM fct_attribution WHERE credit < 0 OR credit > 1 OR (role = 'assist' AND credit <> 0)"));
        // primary/co never differ across models (D24); exactly one primary per attributed opportunity in the reward
        // model, at most one in the others (D24 takes the primary from the reward model after disputes, so a dispute's
        // resolution partner may be primary where the reporting models do not have it)
        Assert.Equal("0", w.Scalar("""
            SELECT count(*) FROM (SELECT opportunity_id, partner_id FROM fct_attribution WHERE role <> 'assist'
                                  GROUP BY ALL HAVING count(DISTINCT role) > 1)
            """));
        Assert.Equal("0", w.Scalar("""
            SELECT count(*) FROM (SELECT opportunity_id, model, is_reward_model, count(*) FILTER (WHERE role = 'primary') AS n
                                  FROM fct_attribution GROUP BY ALL
                                  HAVING bool_or(role <> 'assist') AND (n > 1 OR (is_reward_model AND n <> 1)))
            """));
        // class matches the reward model's sourcing partners
        Assert.Equal("0", w.Scalar("""
            SELECT count(*) FROM fct_opportunities AS o
            LEFT JOIN (SELECT opportunity_id, count(*) FILTER (WHERE role <> 'assist') AS n, count(*) FILTER (WHERE role = 'assist') AS a
                       FROM fct_attribution WHERE is_reward_model GROUP BY ALL) AS r USING (opportunity_id)
            WHERE o.attribution_class <> CASE WHEN r.n >= 2 THEN 'co_referral' WHEN r.n = 1 THEN 'direct'
                                              WHEN r.a > 0 THEN 'assisted' ELSE 'unattributed' END
            """));
        Assert.NotEqual("0", w.Scalar("SELECT count(*) FROM fct_opportunities WHERE attribution_class = 'co_referral'"));
    }

    [Fact]
    public void ProgramMetrics_EqualThePartnersSums()
    {
        var w = Built.Value;
        // counts add up exactly; money within half a cent per partner row (each partner row is rounded once)
        Assert.Equal("0", w.Scalar("""
            SELECT count(*) FROM fct_program_metrics AS g
            LEFT JOIN (SELECT period_type, period, sum(referrals) AS referrals, sum(duplicates) AS duplicates, sum(accepted) AS accepted,
                              sum(qualified) AS qualified, sum(won) AS won, sum(lost) AS lost, sum(sourced_revenue) AS rev,
                              sum(open_pipeline) AS pipe, count(*) AS n
                       FROM fct_partner_metrics GROUP BY ALL) AS p USING (period_type, period)
            WHERE g.referrals <> coalesce(p.referrals, 0) OR g.duplicates <> coalesce(p.duplicates, 0) OR g.accepted <> coalesce(p.accepted, 0)
               OR g.qualified <> coalesce(p.qualified, 0) OR g.won <> coalesce(p.won, 0) OR g.lost <> coalesce(p.lost, 0)
               OR abs(g.sourced_revenue - coalesce(p.rev, 0)) > 0.005 * coalesce(p.n, 0)
               OR abs(g.open_pipeline - coalesce(p.pipe, 0)) > 0.005 * coalesce(p.n, 0)
            """));
        // year totals equal the sum of their months for counts
        Assert.Equal("0", w.Scalar("""
            SELECT count(*) FROM (SELECT period, referrals FROM fct_program_metrics WHERE period_type = 'year') AS y
            JOIN (SELECT left(period, 4) AS period, sum(referrals) AS referrals FROM fct_program_metrics WHERE period_type = 'month' GROUP BY 1) AS m
                USING (period)
            WHERE y.referrals <> m.referrals
            """));
    }

    [Fact]
    public void ModelTimings_AreReported()
    {
        var w = Built.Value;
        var result = w.Build("2025-04-30");
        foreach (var m in result.Models)
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Layer,-12} {m.Name,-32} {m.Rows,8} rows {m.Elapsed.TotalMilliseconds,8:0} ms"));
        Assert.All(result.Models, m => Assert.True(m.Rows >= 0));
    }
}

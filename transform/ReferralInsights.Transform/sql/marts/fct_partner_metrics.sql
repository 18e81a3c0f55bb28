-- Mart: partner × period (§6), periods month/quarter/year labelled per D6, known partners only (D18).
--   by submitted_at period (non-duplicate referrals, D32): referrals, accepted, qualified, won, lost; duplicates.
--     Rates are NULL on a zero denominator.
--   by closed_at period over won deals credited to the partner (reward model after disputes, c > 0, D35):
--     sourced_revenue = Σ c·amount_usd (exact amount×rate×credit, rounded once, D10); avg_deal_size = Σ c·amount / Σ c
--     (deals with an amount); median/p75_days_to_close: UTC calendar days (D5) from the partner's earliest sourcing
--     referral/click touch on the deal to closed_at, continuous percentile, each deal once.
--   open_pipeline (D36): at E = min(period end, as_of end), Σ c·amount_usd over deals created before E and not closed
--     before E, at their published amount and current credit.
--   rewards_earned: Σ payable and capped fct_rewards amounts (rounded rewards, D10; clawbacks negative) by earned_at
--     period.
--   Row existence (D38): a referral, a duplicate, a credited won deal, credited open pipeline or a payable/capped reward
--     in the period.
WITH p AS (
    SELECT fiscal_year_start_month AS fs FROM cfg_params
),
types AS (
    SELECT * FROM (VALUES ('month'), ('quarter'), ('year')) AS t(period_type)
),
referral_facts AS (
    SELECT
        r.partner_id,
        t.period_type,
        period_label(r.submitted_at, t.period_type, p.fs) AS period,
        count(*) FILTER (WHERE NOT r.is_duplicate) AS referrals,
        count(*) FILTER (WHERE r.is_duplicate) AS duplicates,
        count(*) FILTER (WHERE NOT r.is_duplicate AND r.is_accepted) AS accepted,
        count(*) FILTER (WHERE NOT r.is_duplicate AND r.qualified_at IS NOT NULL) AS qualified,
        count(*) FILTER (WHERE NOT r.is_duplicate AND r.won_at IS NOT NULL) AS won,
        count(*) FILTER (WHERE NOT r.is_duplicate AND r.is_lost) AS lost
    FROM int_referral_funnel AS r
    CROSS JOIN types AS t
    CROSS JOIN p
    WHERE r.is_known_partner
    GROUP BY ALL
),
won_facts AS (
    SELECT
        d.partner_id,
        t.period_type,
        period_label(d.closed_at, t.period_type, p.fs) AS period,
        sum(credited(d.amount_exact, d.credit)) FILTER (WHERE d.amount_exact IS NOT NULL) AS revenue_exact,
        sum(d.credit) FILTER (WHERE d.amount_exact IS NOT NULL) AS credit_sum,
        quantile_cont(date_diff('day', CAST(d.first_sourcing_at AS DATE), CAST(d.closed_at AS DATE)), 0.5)
            FILTER (WHERE d.first_sourcing_at IS NOT NULL) AS median_days_to_close,
        quantile_cont(date_diff('day', CAST(d.first_sourcing_at AS DATE), CAST(d.closed_at AS DATE)), 0.75)
            FILTER (WHERE d.first_sourcing_at IS NOT NULL) AS p75_days_to_close
    FROM int_credited_deals AS d
    CROSS JOIN types AS t
    CROSS JOIN p
    WHERE d.status = 'won'
    GROUP BY ALL
),
pipeline_facts AS (
    SELECT
        d.partner_id,
        pr.period_type,
        pr.period,
        sum(credited(d.amount_exact, d.credit)) FILTER (WHERE d.amount_exact IS NOT NULL) AS pipeline_exact
    FROM int_credited_deals AS d
    JOIN int_periods AS pr
        ON d.created_at < pr.pipeline_end
       AND coalesce(d.closed_at, CAST('infinity' AS TIMESTAMP)) >= pr.pipeline_end
    GROUP BY ALL
),
reward_facts AS (
    SELECT
        r.partner_id,
        t.period_type,
        period_label(r.earned_at, t.period_type, p.fs) AS period,
        CAST(sum(r.amount) AS DECIMAL(18,2)) AS rewards_earned
    FROM fct_rewards AS r
    CROSS JOIN types AS t
    CROSS JOIN p
    WHERE r.status IN ('payable', 'capped')
    GROUP BY ALL
),
keys AS (
    SELECT partner_id, period_type, period FROM referral_facts
    UNION
    SELECT partner_id, period_type, period FROM won_facts
    UNION
    SELECT partner_id, period_type, period FROM pipeline_facts
    UNION
    SELECT partner_id, period_type, period FROM reward_facts
)
SELECT
    k.partner_id,
    k.period_type,
    k.period,
    coalesce(r.referrals, 0) AS referrals,
    coalesce(r.duplicates, 0) AS duplicates,
    coalesce(r.accepted, 0) AS accepted,
    coalesce(r.qualified, 0) AS qualified,
    coalesce(r.won, 0) AS won,
    coalesce(r.lost, 0) AS lost,
    CAST(r.qualified AS DOUBLE) / nullif(r.referrals, 0) AS qualified_rate,
    CAST(r.won AS DOUBLE) / nullif(r.referrals, 0) AS conversion_rate,
    CAST(r.won AS DOUBLE) / nullif(r.won + r.lost, 0) AS win_rate,
    cents(coalesce(w.revenue_exact, 0)) AS sourced_revenue,
    div_cents(w.revenue_exact, w.credit_sum) AS avg_deal_size,
    w.median_days_to_close,
    w.p75_days_to_close,
    cents(coalesce(pl.pipeline_exact, 0)) AS open_pipeline,
    coalesce(rw.rewards_earned, CAST(0 AS DECIMAL(18,2))) AS rewards_earned
FROM keys AS k
LEFT JOIN referral_facts AS r USING (partner_id, period_type, period)
LEFT JOIN won_facts AS w USING (partner_id, period_type, period)
LEFT JOIN pipeline_facts AS pl USING (partner_id, period_type, period)
LEFT JOIN reward_facts AS rw USING (partner_id, period_type, period)

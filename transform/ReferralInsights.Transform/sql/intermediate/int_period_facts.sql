-- The measures of §6 that add up over partners, per period (periods_of: month, quarter, year, trailing 12 months), for each partner (partner_id set) and for the whole
-- program (partner_id NULL), in one GROUPING SETS pass so fct_partner_metrics and fct_program_metrics share one
-- definition. Known partners only (D18, D40).
--   by submitted_at period (non-duplicate referrals, D32): referrals, accepted, qualified, won, lost; duplicates.
--     Rates are NULL on a zero denominator.
--   by closed_at period over won deals credited to a partner (reward model after disputes, c > 0, D35):
--     sourced_revenue = Σ c·amount_usd (exact amount×rate×credit, rounded once, D10; revenue_exact unrounded);
--     avg_deal_size = Σ c·amount / Σ c (deals with an amount).
--   open_pipeline (D36): at E = min(period end, as_of end), Σ c·amount_usd over deals created before E and not closed
--     before E, at their published amount and current credit.
--   rewards_earned: Σ payable and capped fct_rewards amounts (rounded rewards, D10; clawbacks negative) by earned_at
--     period.
--   Row existence (D38): a referral, a duplicate, a credited won deal, credited open pipeline or a payable/capped reward
--     in the period; program rows also for the periods of program_costs (D39).
WITH referrals AS (
    SELECT r.*, unnest(periods_of(r.submitted_at), recursive := true)
    FROM int_referral_funnel AS r
    WHERE r.is_known_partner
),
referral_facts AS (
    SELECT
        partner_id,
        period_type,
        period,
        count(*) FILTER (WHERE NOT is_duplicate) AS referrals,
        count(*) FILTER (WHERE is_duplicate) AS duplicates,
        count(*) FILTER (WHERE NOT is_duplicate AND is_accepted) AS accepted,
        count(*) FILTER (WHERE NOT is_duplicate AND qualified_at IS NOT NULL) AS qualified,
        count(*) FILTER (WHERE NOT is_duplicate AND won_at IS NOT NULL) AS won,
        count(*) FILTER (WHERE NOT is_duplicate AND is_lost) AS lost
    FROM referrals
    GROUP BY GROUPING SETS ((partner_id, period_type, period), (period_type, period))
),
won_deals AS (
    SELECT d.*, unnest(periods_of(d.closed_at), recursive := true)
    FROM int_credited_deals AS d
    WHERE d.status = 'won'
),
won_facts AS (
    SELECT
        partner_id,
        period_type,
        period,
        sum(credited(amount_exact, credit)) FILTER (WHERE amount_exact IS NOT NULL) AS revenue_exact,
        sum(credit) FILTER (WHERE amount_exact IS NOT NULL) AS credit_sum
    FROM won_deals
    GROUP BY GROUPING SETS ((partner_id, period_type, period), (period_type, period))
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
    GROUP BY GROUPING SETS ((d.partner_id, pr.period_type, pr.period), (pr.period_type, pr.period))
),
rewards AS (
    SELECT r.*, unnest(periods_of(r.earned_at), recursive := true)
    FROM int_rewards AS r
    WHERE counts_as_cost(r.status)
),
reward_facts AS (
    SELECT partner_id, period_type, period, CAST(sum(amount) AS DECIMAL(18,2)) AS rewards_earned
    FROM rewards
    GROUP BY GROUPING SETS ((partner_id, period_type, period), (period_type, period))
),
keys AS (
    SELECT partner_id, period_type, period FROM referral_facts
    UNION
    SELECT partner_id, period_type, period FROM won_facts
    UNION
    SELECT partner_id, period_type, period FROM pipeline_facts
    UNION
    SELECT partner_id, period_type, period FROM reward_facts
    UNION
    SELECT NULL, period_type, period FROM int_program_costs
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
    w.revenue_exact,
    cents(coalesce(w.revenue_exact, 0)) AS sourced_revenue,
    div_cents(w.revenue_exact, w.credit_sum) AS avg_deal_size,
    cents(coalesce(pl.pipeline_exact, 0)) AS open_pipeline,
    coalesce(rw.rewards_earned, CAST(0 AS DECIMAL(18,2))) AS rewards_earned
FROM keys AS k
LEFT JOIN referral_facts AS r
    ON r.partner_id IS NOT DISTINCT FROM k.partner_id AND r.period_type = k.period_type AND r.period = k.period
LEFT JOIN won_facts AS w
    ON w.partner_id IS NOT DISTINCT FROM k.partner_id AND w.period_type = k.period_type AND w.period = k.period
LEFT JOIN pipeline_facts AS pl
    ON pl.partner_id IS NOT DISTINCT FROM k.partner_id AND pl.period_type = k.period_type AND pl.period = k.period
LEFT JOIN reward_facts AS rw
    ON rw.partner_id IS NOT DISTINCT FROM k.partner_id AND rw.period_type = k.period_type AND rw.period = k.period

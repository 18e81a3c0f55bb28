-- Mart: program × period (§6): the measures of fct_partner_metrics for the whole program, over known partners (D40).
--   Counts: referrals of known partners. sourced_revenue/avg_deal_size/open_pipeline: Σ over the credited pairs,
--   exact and rounded once (D10). Days to close per deal, each deal once, from the earliest sourcing referral/click
--   touch of any partner (D40).
--   rewards_earned = Σ payable and capped fct_rewards amounts earned in the period (rounded rewards, D10).
--   program_cost = rewards_earned + program_costs of the period (D39 roll-up).
--   roi = (sourced_revenue × gross_margin − program_cost) / program_cost; NULL when program_cost is 0.
--   partner_share_of_new_revenue = sourced_revenue / all won amount_usd closed in the period (D40); NULL when 0.
--   cost_per_qualified_referral = program_cost / qualified (cost by earned period, qualified referrals by submission
--   period, as the ROI page shows them side by side), rounded to cents; NULL when no referral qualified.
--   Row existence (D38): a partner row exists in the period, or a program cost does.
WITH p AS (
    SELECT fiscal_year_start_month AS fs, gross_margin FROM cfg_params
),
types AS (
    SELECT * FROM (VALUES ('month'), ('quarter'), ('year')) AS t(period_type)
),
referral_facts AS (
    SELECT
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
won_deals AS (
    -- each credited won deal once, with its earliest sourcing touch of any partner
    SELECT
        d.opportunity_id,
        any_value(d.closed_at) AS closed_at,
        min(s.first_touch_at) AS first_sourcing_at
    FROM int_credited_deals AS d
    LEFT JOIN int_sourcing_partners AS s USING (opportunity_id)
    WHERE d.status = 'won'
    GROUP BY d.opportunity_id
),
won_money AS (
    SELECT
        t.period_type,
        period_label(d.closed_at, t.period_type, p.fs) AS period,
        sum(credited(d.amount_exact, d.credit)) FILTER (WHERE d.amount_exact IS NOT NULL) AS revenue_exact,
        sum(d.credit) FILTER (WHERE d.amount_exact IS NOT NULL) AS credit_sum
    FROM int_credited_deals AS d
    CROSS JOIN types AS t
    CROSS JOIN p
    WHERE d.status = 'won'
    GROUP BY ALL
),
won_days AS (
    SELECT
        t.period_type,
        period_label(d.closed_at, t.period_type, p.fs) AS period,
        quantile_cont(date_diff('day', CAST(d.first_sourcing_at AS DATE), CAST(d.closed_at AS DATE)), 0.5)
            FILTER (WHERE d.first_sourcing_at IS NOT NULL) AS median_days_to_close,
        quantile_cont(date_diff('day', CAST(d.first_sourcing_at AS DATE), CAST(d.closed_at AS DATE)), 0.75)
            FILTER (WHERE d.first_sourcing_at IS NOT NULL) AS p75_days_to_close
    FROM won_deals AS d
    CROSS JOIN types AS t
    CROSS JOIN p
    GROUP BY ALL
),
all_won AS (
    -- the denominator of partner_share_of_new_revenue: every won deal with an amount_usd, partner-sourced or not
    SELECT
        t.period_type,
        period_label(o.closed_at, t.period_type, p.fs) AS period,
        sum(o.amount_exact) AS won_exact
    FROM int_opportunities AS o
    CROSS JOIN types AS t
    CROSS JOIN p
    WHERE o.status = 'won' AND o.amount_exact IS NOT NULL
    GROUP BY ALL
),
pipeline_facts AS (
    SELECT
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
    SELECT DISTINCT period_type, period FROM fct_partner_metrics
    UNION
    SELECT period_type, period FROM int_program_costs
),
measures AS (
    SELECT
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
        cents(coalesce(m.revenue_exact, 0)) AS sourced_revenue,
        div_cents(m.revenue_exact, m.credit_sum) AS avg_deal_size,
        dd.median_days_to_close,
        dd.p75_days_to_close,
        cents(coalesce(pl.pipeline_exact, 0)) AS open_pipeline,
        coalesce(rw.rewards_earned, CAST(0 AS DECIMAL(18,2))) AS rewards_earned,
        CAST(coalesce(rw.rewards_earned, 0) + cents(coalesce(c.amount, 0)) AS DECIMAL(18,2)) AS program_cost,
        m.revenue_exact,
        a.won_exact,
        cents(coalesce(a.won_exact, 0)) AS won_revenue
    FROM keys AS k
    LEFT JOIN referral_facts AS r USING (period_type, period)
    LEFT JOIN won_money AS m USING (period_type, period)
    LEFT JOIN won_days AS dd USING (period_type, period)
    LEFT JOIN pipeline_facts AS pl USING (period_type, period)
    LEFT JOIN int_program_costs AS c USING (period_type, period)
    LEFT JOIN all_won AS a USING (period_type, period)
    LEFT JOIN reward_facts AS rw USING (period_type, period)
)
SELECT
    period_type,
    period,
    referrals,
    duplicates,
    accepted,
    qualified,
    won,
    lost,
    qualified_rate,
    conversion_rate,
    win_rate,
    sourced_revenue,
    avg_deal_size,
    median_days_to_close,
    p75_days_to_close,
    open_pipeline,
    rewards_earned,
    program_cost,
    CAST(sourced_revenue * p.gross_margin - program_cost AS DOUBLE) / nullif(CAST(program_cost AS DOUBLE), 0) AS roi,
    CAST(coalesce(revenue_exact, 0) AS DOUBLE) / nullif(CAST(won_exact AS DOUBLE), 0) AS partner_share_of_new_revenue,
    won_revenue,
    CAST(round(program_cost / nullif(qualified, 0), 2) AS DECIMAL(18, 2)) AS cost_per_qualified_referral
FROM measures
CROSS JOIN p

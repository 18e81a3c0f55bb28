-- Mart: program × period (§6; month, quarter, year and the trailing 12 months): the measures of fct_partner_metrics for the whole program, over known partners (D40).
--   Counts, rates, sourced_revenue/avg_deal_size/open_pipeline (Σ over the credited pairs, exact and rounded once,
--   D10) and rewards_earned are int_period_facts' program rows. Days to close per deal, each deal once, from the
--   earliest sourcing referral/click touch of any partner (D40).
--   program_cost = rewards_earned + program_costs of the period (D39 roll-up).
--   roi = (sourced_revenue × gross_margin − program_cost) / program_cost; NULL when program_cost is 0.
--   partner_share_of_new_revenue = sourced_revenue / all won amount_usd closed in the period (D40); NULL when 0.
--   cost_per_qualified_referral = program_cost / qualified (cost by earned period, qualified referrals by submission
--   period, as the ROI page shows them side by side), rounded to cents; NULL when no referral qualified.
--   Row existence (D38): a partner row exists in the period, or a program cost does (int_period_facts).
WITH p AS (
    SELECT gross_margin FROM cfg_params
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
won_deal_periods AS (
    SELECT d.*, unnest(periods_of(d.closed_at), recursive := true) FROM won_deals AS d
),
won_days AS (
    SELECT
        d.period_type,
        d.period,
        quantile_cont(date_diff('day', CAST(d.first_sourcing_at AS DATE), CAST(d.closed_at AS DATE)), 0.5)
            FILTER (WHERE d.first_sourcing_at IS NOT NULL) AS median_days_to_close,
        quantile_cont(date_diff('day', CAST(d.first_sourcing_at AS DATE), CAST(d.closed_at AS DATE)), 0.75)
            FILTER (WHERE d.first_sourcing_at IS NOT NULL) AS p75_days_to_close
    FROM won_deal_periods AS d
    GROUP BY ALL
),
won_opportunities AS (
    SELECT o.*, unnest(periods_of(o.closed_at), recursive := true)
    FROM int_opportunities AS o
    WHERE o.status = 'won' AND o.amount_exact IS NOT NULL
),
all_won AS (
    -- the denominator of partner_share_of_new_revenue: every won deal with an amount_usd, partner-sourced or not
    SELECT period_type, period, sum(amount_exact) AS won_exact
    FROM won_opportunities
    GROUP BY ALL
),
measures AS (
    SELECT
        f.*,
        dd.median_days_to_close,
        dd.p75_days_to_close,
        CAST(f.rewards_earned + cents(coalesce(c.amount, 0)) AS DECIMAL(18,2)) AS program_cost,
        a.won_exact,
        cents(coalesce(a.won_exact, 0)) AS won_revenue
    FROM int_period_facts AS f
    LEFT JOIN won_days AS dd USING (period_type, period)
    LEFT JOIN int_program_costs AS c USING (period_type, period)
    LEFT JOIN all_won AS a USING (period_type, period)
    WHERE f.partner_id IS NULL
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

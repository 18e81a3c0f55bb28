-- §13 the closed opportunities the leadership comparisons are made of: one row per (opportunity, period type) for
-- years and quarters (D6 fiscal labels, by closed_at), with its segment — partner_sourced when its class after
-- disputes is direct or co_referral, other otherwise (assisted, unattributed) — whether it was won, the UTC calendar
-- days from creation to close (D5) and, for won deals with an amount in the program currency, the exact amount (D10).
WITH types AS (
    SELECT * FROM (VALUES ('year'), ('quarter')) AS t(period_type)
)
SELECT
    o.opportunity_id,
    t.period_type,
    period_label(o.closed_at, t.period_type, p.fiscal_year_start_month) AS period,
    CASE WHEN a.attribution_class IN ('direct', 'co_referral') THEN 'partner_sourced' ELSE 'other' END AS segment,
    o.status = 'won' AS is_won,
    date_diff('day', CAST(o.created_at AS DATE), CAST(o.closed_at AS DATE)) AS days_to_close,
    CASE WHEN o.status = 'won' THEN o.amount_exact END AS won_amount_exact
FROM int_opportunities AS o
JOIN int_opportunity_attribution AS a USING (opportunity_id)
CROSS JOIN types AS t
CROSS JOIN cfg_params AS p
WHERE o.status IN ('won', 'lost')

-- Mart: §13 credit disputes summarised for the ROI view, per fiscal year and quarter (D6), as they stood at as_of (a
-- resolution after as_of has not happened, D2):
--   opened: disputes with opened_at in the period;
--   resolved / rejected: disputes decided (status resolved / rejected) with resolved_at in the period (a decision
--     without a resolved_at date cannot be placed in a period and is not counted);
--   median_days_to_resolve: UTC calendar days from opened_at to resolved_at over the disputes decided in the period
--     (resolved and rejected; continuous median);
--   claimant_favour_share: decided disputes whose resolution partner (empty → the claimant, D29) is the claimant,
--     over all decided disputes of the period (a rejection is never in the claimant's favour); NULL when none.
WITH types AS (
    SELECT * FROM (VALUES ('year'), ('quarter')) AS t(period_type)
),
events AS (
    SELECT t.period_type, period_label(d.opened_at, t.period_type, p.fiscal_year_start_month) AS period,
           'opened' AS event, NULL::INTEGER AS days_to_resolve, false AS for_claimant
    FROM stg_portal__disputes AS d CROSS JOIN types AS t CROSS JOIN cfg_params AS p
    UNION ALL
    SELECT t.period_type, period_label(d.resolved_at, t.period_type, p.fiscal_year_start_month), d.status,
           date_diff('day', CAST(d.opened_at AS DATE), CAST(d.resolved_at AS DATE)),
           d.status = 'resolved' AND coalesce(d.resolution_partner_id, d.claimant_partner_id) = d.claimant_partner_id
    FROM stg_portal__disputes AS d CROSS JOIN types AS t CROSS JOIN cfg_params AS p
    WHERE d.status IN ('resolved', 'rejected') AND d.resolved_at IS NOT NULL
)
SELECT
    period_type,
    period,
    count(*) FILTER (WHERE event = 'opened') AS opened,
    count(*) FILTER (WHERE event = 'resolved') AS resolved,
    count(*) FILTER (WHERE event = 'rejected') AS rejected,
    quantile_cont(days_to_resolve, 0.5) FILTER (WHERE event <> 'opened') AS median_days_to_resolve,
    CAST(count(*) FILTER (WHERE for_claimant) AS DOUBLE) / nullif(count(*) FILTER (WHERE event <> 'opened'), 0) AS claimant_favour_share
FROM events
GROUP BY period_type, period

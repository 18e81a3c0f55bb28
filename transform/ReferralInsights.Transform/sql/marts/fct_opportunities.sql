-- Mart: one row per opportunity created at or before as_of; status/closed_at as of as_of (D2, D66); amount_usd in the
-- program currency, rounded half away from zero to cents (§1; NULL when the currency has no rate: missing_fx_rate);
-- attribution class after disputes (D30); disputed = a dispute open at as_of (D31).
-- The §4 windows that decided the touches' roles (D3, exact 24 h units): sourcing_window_start/end (both inclusive,
-- referral and click touches); assists are referral/click touches after sourcing_window_end and before
-- assist_window_end (= t1: closed_at, or the end of the as_of day while open; exclusive), activities from created_at
-- (t0) to t1 inclusive.
SELECT
    o.opportunity_id,
    o.account_id,
    o.created_at,
    o.closed_at,
    o.status,
    o.amount_usd,
    o.qualified_at,
    a.attribution_class,
    a.disputed,
    o.amount,
    o.currency,
    o.fx_rate,
    o.stage,
    o.refunded_at,
    o.crm_partner_id,
    acc.name AS account_name,
    o.sourcing_window_start,
    o.sourcing_window_end,
    o.t1 AS assist_window_end
FROM int_opportunities AS o
JOIN int_opportunity_attribution AS a USING (opportunity_id)
LEFT JOIN stg_crm__accounts AS acc ON acc.account_id = o.account_id

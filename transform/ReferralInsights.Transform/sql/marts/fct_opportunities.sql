-- Mart: one row per opportunity created at or before as_of; status/closed_at as of as_of (D2, D66); amount_usd in the
-- program currency, rounded half away from zero to cents (§1; NULL when the currency has no rate: missing_fx_rate);
-- attribution class after disputes (D30); disputed = a dispute open at as_of (D31).
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
    o.crm_partner_id
FROM int_opportunities AS o
JOIN int_opportunity_attribution AS a USING (opportunity_id)

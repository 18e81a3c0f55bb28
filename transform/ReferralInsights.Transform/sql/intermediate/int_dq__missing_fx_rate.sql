-- Data-quality check missing_fx_rate (§1, D12): neither crm/fx_rates (valid_from ≤ d) nor the static fx table has a
-- rate for the opportunity's currency on its day; amount_usd stays NULL.
SELECT 'crm/opportunities' AS entity, opportunity_id AS entity_id,
       'no rate for ' || currency || ' on ' || strftime(fx_date, '%Y-%m-%d') || ' in crm/fx_rates or the fx table; amount_usd is empty' AS detail
FROM int_opportunities
WHERE is_missing_fx_rate

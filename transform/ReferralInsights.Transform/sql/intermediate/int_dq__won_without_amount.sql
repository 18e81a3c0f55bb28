-- Data-quality check won_without_amount: a won opportunity without an amount.
SELECT 'crm/opportunities' AS entity, opportunity_id AS entity_id, 'won ' || ts_text(closed_at) || ' without an amount' AS detail
FROM int_opportunities
WHERE status = 'won' AND amount IS NULL

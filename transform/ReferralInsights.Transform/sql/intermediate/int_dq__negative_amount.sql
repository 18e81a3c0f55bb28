-- Data-quality check negative_amount: an opportunity whose amount is below zero.
SELECT 'crm/opportunities' AS entity, opportunity_id AS entity_id, 'amount ' || num_text(amount) || ' ' || currency AS detail
FROM int_opportunities
WHERE amount < 0

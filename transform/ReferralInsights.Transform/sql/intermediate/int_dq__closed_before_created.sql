-- Data-quality check closed_before_created: an opportunity whose closed_at is before its created_at.
SELECT 'crm/opportunities' AS entity, opportunity_id AS entity_id,
       'closed ' || ts_text(closed_at) || ' before created ' || ts_text(created_at) AS detail
FROM int_opportunities
WHERE closed_at < created_at

-- Data-quality check closed_without_date (D66): a won or lost opportunity without closed_at closes at updated_at, else
-- created_at; the finding says which.
SELECT 'crm/opportunities' AS entity, o.opportunity_id AS entity_id,
       o.status || ' without closed_at: closed at ' || CASE WHEN s.updated_at IS NOT NULL THEN 'updated_at ' ELSE 'created_at ' END
       || ts_text(o.closed_at) AS detail
FROM int_opportunities AS o
JOIN stg_crm__opportunities AS s USING (opportunity_id)
WHERE o.closed_without_date

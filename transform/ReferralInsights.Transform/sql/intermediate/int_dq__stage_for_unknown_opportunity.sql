-- Data-quality check stage_for_unknown_opportunity (D62): one finding per opportunity_id of stage rows that no
-- opportunity has.
SELECT 'crm/opportunity_stages' AS entity, s.opportunity_id AS entity_id,
       count(*) || CASE WHEN count(*) = 1 THEN ' stage row' ELSE ' stage rows' END
       || ' from ' || ts_text(min(s.entered_at)) || ' to ' || ts_text(max(s.entered_at))
       || '; the opportunity is not in crm/opportunities' AS detail
FROM stg_crm__opportunity_stages AS s ANTI JOIN int_opportunities AS o USING (opportunity_id)
GROUP BY s.opportunity_id

-- Data-quality check crm_partner_mismatch (D63): the opportunity has a CRM partner tag and either it has sourcing
-- partners after disputes and the tag is not the primary one (D24), or it has none and the tagged partner has no touch
-- on it.
SELECT 'crm/opportunities' AS entity, o.opportunity_id AS entity_id,
       'CRM tags ' || o.crm_partner_id || CASE
           WHEN a.sourcing_partners > 0 THEN '; the primary sourcing partner is ' || pr.partner_id
           ELSE ', which has no touch on the opportunity' END AS detail
FROM int_opportunities AS o
JOIN int_opportunity_attribution AS a USING (opportunity_id)
LEFT JOIN int_attribution AS pr ON pr.opportunity_id = o.opportunity_id AND pr.is_reward_model AND pr.role = 'primary'
WHERE o.crm_partner_id IS NOT NULL
  AND CASE WHEN a.sourcing_partners > 0 THEN o.crm_partner_id IS DISTINCT FROM pr.partner_id
           ELSE NOT EXISTS (SELECT 1 FROM int_touch_opportunities AS t
                            WHERE t.opportunity_id = o.opportunity_id AND t.partner_id = o.crm_partner_id) END

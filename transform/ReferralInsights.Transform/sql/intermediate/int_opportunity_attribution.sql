-- Per opportunity: the §5 class after disputes (D30: recomputed on SP ∪ {resolution partner}) and whether it is
-- disputed (D31: a dispute open at as_of, whatever else happened).
--   class: ≥ 2 reward-model partners → co_referral; 1 → direct; none but some assist → assisted; else unattributed.
WITH reward AS (
    SELECT opportunity_id, count(*) FILTER (WHERE role <> 'assist') AS sourcing_partners,
           count(*) FILTER (WHERE role = 'assist') AS assisting_partners
    FROM int_attribution
    WHERE is_reward_model
    GROUP BY opportunity_id
),
open_disputes AS (
    SELECT DISTINCT opportunity_id FROM stg_portal__disputes WHERE status = 'open'
)
SELECT
    o.opportunity_id,
    CASE
        WHEN coalesce(r.sourcing_partners, 0) >= 2 THEN 'co_referral'
        WHEN r.sourcing_partners = 1 THEN 'direct'
        WHEN coalesce(r.assisting_partners, 0) > 0 THEN 'assisted'
        ELSE 'unattributed'
    END AS attribution_class,
    coalesce(r.sourcing_partners, 0) AS sourcing_partners,
    d.opportunity_id IS NOT NULL AS disputed
FROM int_opportunities AS o
LEFT JOIN reward AS r USING (opportunity_id)
LEFT JOIN open_disputes AS d USING (opportunity_id)

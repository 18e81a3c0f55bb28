-- §5 the sourcing partners SP of each opportunity (each partner once) with the touch times the models need:
-- first/last sourcing touch (any kind), earliest sourcing referral and click touch (D25: on O only) with their
-- evidence (ties by evidence id), and the partner's earliest sourcing referral (D45 reward link).
SELECT
    opportunity_id,
    partner_id,
    min(touch_at) AS first_touch_at,
    max(touch_at) AS last_touch_at,
    min(touch_at) FILTER (WHERE kind = 'referral') AS first_referral_at,
    min(touch_at) FILTER (WHERE kind = 'click') AS first_click_at,
    first(evidence_id ORDER BY touch_at, evidence_id) FILTER (WHERE kind = 'referral') AS first_referral_id,
    first(evidence_id ORDER BY touch_at, evidence_id) FILTER (WHERE kind = 'click') AS first_click_id
FROM int_touch_opportunities
WHERE role = 'sourcing'
GROUP BY opportunity_id, partner_id

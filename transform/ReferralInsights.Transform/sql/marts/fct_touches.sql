-- Mart: grain touch × opportunity (D21). A touch related to no opportunity gets one row with NULL
-- opportunity_id/role. touch_id: referral:<referral_id>, click:<conversion_id>:<partner_id>, activity:<activity_id>;
-- evidence_id: the referral, the partner's last click before the conversion (D19), the activity.
SELECT
    t.touch_id,
    t.partner_id,
    t.account_id,
    r.opportunity_id,
    t.kind,
    t.touch_at,
    r.role,
    t.evidence_id
FROM int_touches AS t
LEFT JOIN int_touch_opportunities AS r USING (touch_id)

-- Reward rule milestone (§7, D70): a qualified referral of a known partner, any status, earns its tier's
-- qualified_bonus at qualified_at. reward_id milestone:<referral_id>.
SELECT
    'milestone:' || referral_id AS reward_id,
    partner_id,
    'milestone' AS type,
    referral_id,
    CAST(NULL AS VARCHAR) AS opportunity_id,
    qualified_at AS earned_at,
    CAST(NULL AS DECIMAL(38,20)) AS basis_exact,
    false AS quality_gate_pending
FROM int_referral_funnel
WHERE qualified_at IS NOT NULL AND is_known_partner

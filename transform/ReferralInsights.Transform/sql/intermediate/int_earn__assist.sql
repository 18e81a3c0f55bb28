-- Reward rule assist (§7, D45): a won `assisted` opportunity pays each assisting partner rewards.assist_bonus at
-- closed_at; no referral_id. reward_id assist:<opportunity_id>:<partner_id>.
SELECT
    'assist:' || a.opportunity_id || ':' || a.partner_id AS reward_id,
    a.partner_id,
    'assist' AS type,
    CAST(NULL AS VARCHAR) AS referral_id,
    a.opportunity_id,
    o.closed_at AS earned_at,
    CAST(NULL AS DECIMAL(38,20)) AS basis_exact,
    false AS quality_gate_pending
FROM int_attribution AS a
JOIN int_opportunities AS o USING (opportunity_id)
JOIN int_opportunity_attribution AS c USING (opportunity_id)
WHERE a.is_reward_model AND a.role = 'assist' AND o.status = 'won' AND c.attribution_class = 'assisted'

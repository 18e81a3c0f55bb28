-- Reward rule upfront (§7, D44): an accepted referral of a known partner (accepted, or empty status and matched;
-- non-duplicate) earns its tier's upfront_bonus at decided_at, else submitted_at. reward_id upfront:<referral_id>.
-- Quality gate: a score below rewards.quality_gate.min_lead_score earns nothing; with min 0 a missing score passes;
-- with min > 0 a missing score earns, withheld with reason quality_gate (quality_gate_pending) until it is scored.
SELECT
    'upfront:' || r.referral_id AS reward_id,
    r.partner_id,
    'upfront' AS type,
    r.referral_id,
    CAST(NULL AS VARCHAR) AS opportunity_id,
    coalesce(r.decided_at, r.submitted_at) AS earned_at,
    CAST(NULL AS DECIMAL(38,20)) AS basis_exact,
    s.score IS NULL AND p.min_lead_score > 0 AS quality_gate_pending
FROM int_referrals AS r
JOIN int_lead_scores AS s USING (referral_id)
CROSS JOIN cfg_params AS p
WHERE r.is_accepted AND r.is_known_partner AND (s.score >= p.min_lead_score OR s.score IS NULL)

-- Reward rule commission (§7, D47): a won opportunity with amount_usd > 0 pays each partner with reward-model credit
-- > 0 after disputes, on the basis amount_usd × credit, at closed_at; int_reward_terms applies the rate and the
-- per-deal cap. reward_id commission:<opportunity_id>:<partner_id>. referral_id (D45): the partner's earliest sourcing
-- referral on the opportunity, else (credited only by a dispute) the referral of its latest resolved dispute there.
WITH dispute_referrals AS (
    SELECT opportunity_id, coalesce(resolution_partner_id, claimant_partner_id) AS partner_id, referral_id
    FROM stg_portal__disputes
    WHERE status = 'resolved'
    QUALIFY row_number() OVER (PARTITION BY opportunity_id, coalesce(resolution_partner_id, claimant_partner_id)
                               ORDER BY resolved_at DESC NULLS LAST, dispute_id DESC) = 1
)
SELECT
    'commission:' || a.opportunity_id || ':' || a.partner_id AS reward_id,
    a.partner_id,
    'commission' AS type,
    coalesce(s.first_referral_id, d.referral_id) AS referral_id,
    a.opportunity_id,
    o.closed_at AS earned_at,
    CAST(CAST(o.amount_usd AS DECIMAL(18,2)) * CAST(a.credit AS DECIMAL(38,18)) AS DECIMAL(38,20)) AS basis_exact,
    false AS quality_gate_pending
FROM int_attribution AS a
JOIN int_opportunities AS o USING (opportunity_id)
LEFT JOIN int_sourcing_partners AS s USING (opportunity_id, partner_id)
LEFT JOIN dispute_referrals AS d USING (opportunity_id, partner_id)
WHERE a.is_reward_model AND a.role <> 'assist' AND a.credit > 0 AND o.status = 'won' AND o.amount_usd > 0

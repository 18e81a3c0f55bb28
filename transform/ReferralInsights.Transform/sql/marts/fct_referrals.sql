-- Mart: one row per referral submitted at or before as_of (all partners, D18), status as of as_of (D67).
-- lead_score comes from int_lead_scores (the lead-quality model's score; NULL while no model passed the AUC floor).
SELECT
    referral_id,
    partner_id,
    submitted_at,
    account_id,
    is_duplicate,
    duplicate_of,
    status,
    sourced_opportunity_ids,
    qualified_at,
    won_at,
    s.score AS lead_score,
    is_accepted,
    is_lost,
    is_self_referral,
    is_known_partner,
    match_rule
FROM int_referral_funnel
LEFT JOIN int_lead_scores AS s USING (referral_id)

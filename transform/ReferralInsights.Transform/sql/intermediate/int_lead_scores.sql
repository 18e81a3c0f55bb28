-- The lead-quality score of each referral (0..1), read by fct_referrals.lead_score and the upfront quality gate (§7).
-- Scores come from the input table input_lead_scores, which the warehouse attaches (Warehouse.AttachLeadScores: the
-- model stage's scores, or a published lead_scores mart); NULL for a referral without a score (no model passed yet).
SELECT r.referral_id, s.score
FROM stg_portal__referrals AS r
LEFT JOIN input_lead_scores AS s USING (referral_id)

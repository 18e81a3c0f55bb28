-- The lead-quality score of each referral (0..1), read by fct_referrals.lead_score and the upfront quality gate (§7).
-- NULL for every referral until the lead-quality model scores referrals (a later issue fills this model).
SELECT referral_id, CAST(NULL AS DOUBLE) AS score
FROM stg_portal__referrals

-- Data-quality check unmatched_referral (D4): a kept referral of a known partner (duplicates and unknown-partner
-- referrals have their own findings) with no account and date(submitted_at) < as_of − 30 days.
SELECT 'portal/referrals' AS entity, r.referral_id AS entity_id,
       'submitted ' || ts_text(r.submitted_at) || ' (' || coalesce(r.company_name, '') || '), no account matched after 30 days' AS detail
FROM int_referrals AS r
CROSS JOIN cfg_params AS p
WHERE r.account_id IS NULL AND r.is_known_partner AND NOT r.is_duplicate
  AND CAST(r.submitted_at AS DATE) < p.as_of - INTERVAL 30 DAY

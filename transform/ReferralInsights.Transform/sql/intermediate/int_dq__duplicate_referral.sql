-- Data-quality check duplicate_referral (§3, D57): one finding per duplicate referral.
SELECT 'portal/referrals' AS entity, r.referral_id AS entity_id,
       'duplicate of ' || r.duplicate_of || ': same partner ' || r.partner_id || ' and '
       || split_part(r.dedup_key, ':', 1) || ' ' || substr(r.dedup_key, strpos(r.dedup_key, ':') + 1)
       || ' within ' || p.dedup_window_days || ' days' AS detail
FROM int_referrals AS r
CROSS JOIN cfg_params AS p
WHERE r.is_duplicate

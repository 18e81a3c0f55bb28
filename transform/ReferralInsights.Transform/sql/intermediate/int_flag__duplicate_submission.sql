-- Compliance rule duplicate_submission (info, D57): one flag per duplicate referral of a known partner.
-- flag_id duplicate_submission:<referral_id>.
SELECT
    'duplicate_submission:' || r.referral_id AS flag_id,
    r.partner_id,
    r.referral_id,
    CAST(NULL AS VARCHAR) AS opportunity_id,
    r.submitted_at AS raised_at,
    'referral ' || r.referral_id || ' (submitted ' || instant_text(r.submitted_at) || ') repeats ' || r.duplicate_of
    || ' (submitted ' || instant_text(k.submitted_at) || ') within ' || p.dedup_window_days || ' days: same '
    || CASE split_part(r.dedup_key, ':', 1) WHEN 'account' THEN 'account' WHEN 'domain' THEN 'company domain' ELSE 'company name' END
    || ' ' || substr(r.dedup_key, strpos(r.dedup_key, ':') + 1) AS detail
FROM int_referrals AS r
JOIN stg_portal__partners AS pt USING (partner_id)
JOIN int_referrals AS k ON k.referral_id = r.duplicate_of
CROSS JOIN cfg_params AS p
WHERE r.is_duplicate

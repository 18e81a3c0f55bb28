-- Data-quality check ambiguous_account_match (§2, D15): one finding per referral or conversion whose deciding match
-- rule found more than one account, about that rule only.
SELECT CASE m.subject WHEN 'referral' THEN 'portal/referrals' ELSE 'clicks/conversions' END AS entity, m.subject_id AS entity_id,
       'rule ' || m.match_rule || ' (' || CASE m.match_rule WHEN 1 THEN 'company domain' WHEN 2 THEN 'contact email'
           WHEN 3 THEN 'email domain' ELSE 'company name' END || ') matched ' || m.candidate_accounts
       || ' accounts; chose ' || m.account_id || ' (earliest created, then lowest account_id)' AS detail
FROM int_account_matches AS m
WHERE m.is_ambiguous

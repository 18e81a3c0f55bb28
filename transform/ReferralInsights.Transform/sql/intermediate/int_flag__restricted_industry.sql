-- Compliance rule restricted_industry (review, D55), for known partners:
--   restricted_industry:<referral_id>  every non-duplicate referral whose account's industry (else its own) is in
--                                      compliance.restricted_industries (case-insensitive);
--   restricted_industry:<opportunity_id>:<partner_id>  a partner credited on a restricted account (reward-model credit
--                                      > 0, or an assist row) without a sourcing referral on it.
SELECT
    'restricted_industry:' || r.referral_id AS flag_id,
    r.partner_id,
    r.referral_id,
    CAST(NULL AS VARCHAR) AS opportunity_id,
    r.submitted_at AS raised_at,
    'referral ' || r.referral_id || ' '
    || CASE WHEN a.industry IS NOT NULL THEN 'account ' || r.account_id || ' industry ' || a.industry
            ELSE 'industry ' || r.industry END
    || ' is restricted' AS detail
FROM int_referrals AS r
JOIN stg_portal__partners AS pt USING (partner_id)
LEFT JOIN stg_crm__accounts AS a ON a.account_id = r.account_id
WHERE NOT r.is_duplicate
  AND lower(trim(coalesce(a.industry, r.industry))) IN (SELECT industry FROM cfg_restricted_industries)
UNION ALL
SELECT
    'restricted_industry:' || a.opportunity_id || ':' || a.partner_id,
    a.partner_id,
    CAST(NULL AS VARCHAR),
    a.opportunity_id,
    o.created_at,
    'partner ' || a.partner_id || ' credited on opportunity ' || a.opportunity_id || ' (account ' || o.account_id
    || ' industry ' || acc.industry || ', restricted) through '
    || CASE WHEN a.role = 'assist' THEN 'an assist'
            WHEN s.first_click_at IS NOT NULL THEN 'a click'
            ELSE 'a dispute resolution' END
    || ', without a sourcing referral'
FROM int_attribution AS a
JOIN stg_portal__partners AS pt USING (partner_id)
JOIN int_opportunities AS o USING (opportunity_id)
JOIN stg_crm__accounts AS acc ON acc.account_id = o.account_id
LEFT JOIN int_sourcing_partners AS s USING (opportunity_id, partner_id)
WHERE a.is_reward_model
  AND (a.credit > 0 OR a.role = 'assist')
  AND s.first_referral_id IS NULL
  AND lower(trim(acc.industry)) IN (SELECT industry FROM cfg_restricted_industries)

-- §8 compliance flags that come from the inputs (every rule but ineligible_partner, which comes from the rewards:
-- fct_compliance_flags adds it). Known partners only (D18). Each flag carries its evidence in detail.
-- flag_id: <rule>:<referral_id> (self_referral, restricted_industry, duplicate_submission),
--          restricted_industry:<opportunity_id>:<partner_id>, late_claim:<referral_id>:<opportunity_id>,
--          click_burst:<partner_id>:<ip_hash>:<UTC hour, YYYY-MM-DDTHH>.
--   self_referral (block, D56): every non-duplicate referral, any status: the partner's own normalized domain (never a
--     free-mail one, D9) = the referral's company domain, its contact's email domain or the matched account's domain.
--   restricted_industry (review, D55): every non-duplicate referral whose account's industry (else its own) is in
--     compliance.restricted_industries (case-insensitive); plus one per (opportunity, partner) for a partner credited
--     on a restricted account (reward-model credit > 0, or an assist row) without a sourcing referral on it.
--   late_claim (review, D22): one per (referral, opportunity) of int_late_claims.
--   click_burst (info, D57/D58): one per (partner, ip_hash, UTC hour) of int_click_bursts.
--   duplicate_submission (info, D57): one per duplicate referral.
WITH p AS (
    SELECT grace_days, click_burst_threshold, dedup_window_days FROM cfg_params
),
known_referrals AS (
    SELECT r.*, pt.own_domain_norm, a.domain_norm AS account_domain_norm, a.industry AS account_industry
    FROM int_referrals AS r
    JOIN stg_portal__partners AS pt USING (partner_id)
    LEFT JOIN stg_crm__accounts AS a ON a.account_id = r.account_id
),
self_referral AS (
    SELECT
        'self_referral:' || referral_id AS flag_id,
        'self_referral' AS rule,
        'block' AS severity,
        partner_id,
        referral_id,
        CAST(NULL AS VARCHAR) AS opportunity_id,
        submitted_at AS raised_at,
        'referral ' || referral_id || ' '
        || concat_ws(', ',
            CASE WHEN company_domain_norm = own_domain_norm THEN 'company domain ' || company_domain_norm END,
            CASE WHEN contact_email_domain = own_domain_norm THEN 'contact email domain ' || contact_email_domain END,
            CASE WHEN account_domain_norm = own_domain_norm THEN 'account ' || account_id || ' domain ' || account_domain_norm END)
        || ' = partner ' || partner_id || ' domain ' || own_domain_norm AS detail
    FROM known_referrals
    WHERE is_self_referral
),
referral_industry AS (
    SELECT
        'restricted_industry:' || r.referral_id AS flag_id,
        'restricted_industry' AS rule,
        'review' AS severity,
        r.partner_id,
        r.referral_id,
        CAST(NULL AS VARCHAR) AS opportunity_id,
        r.submitted_at AS raised_at,
        'referral ' || r.referral_id || ' '
        || CASE WHEN r.account_industry IS NOT NULL THEN 'account ' || r.account_id || ' industry ' || r.account_industry
                ELSE 'industry ' || r.industry END
        || ' is restricted' AS detail
    FROM known_referrals AS r
    WHERE NOT r.is_duplicate
      AND lower(trim(coalesce(r.account_industry, r.industry))) IN (SELECT industry FROM cfg_restricted_industries)
),
credited_industry AS (
    SELECT
        'restricted_industry:' || a.opportunity_id || ':' || a.partner_id AS flag_id,
        'restricted_industry' AS rule,
        'review' AS severity,
        a.partner_id,
        CAST(NULL AS VARCHAR) AS referral_id,
        a.opportunity_id,
        o.created_at AS raised_at,
        'partner ' || a.partner_id || ' credited on opportunity ' || a.opportunity_id || ' (account ' || o.account_id
        || ' industry ' || acc.industry || ', restricted) through '
        || CASE WHEN a.role = 'assist' THEN 'an assist'
                WHEN s.first_click_at IS NOT NULL THEN 'a click'
                ELSE 'a dispute resolution' END
        || ', without a sourcing referral' AS detail
    FROM int_attribution AS a
    JOIN stg_portal__partners AS pt USING (partner_id)
    JOIN int_opportunities AS o USING (opportunity_id)
    JOIN stg_crm__accounts AS acc ON acc.account_id = o.account_id
    LEFT JOIN int_sourcing_partners AS s USING (opportunity_id, partner_id)
    WHERE a.is_reward_model
      AND (a.credit > 0 OR a.role = 'assist')
      AND s.first_referral_id IS NULL
      AND lower(trim(acc.industry)) IN (SELECT industry FROM cfg_restricted_industries)
),
late_claim AS (
    SELECT
        'late_claim:' || l.referral_id || ':' || l.opportunity_id AS flag_id,
        'late_claim' AS rule,
        'review' AS severity,
        l.partner_id,
        l.referral_id,
        l.opportunity_id,
        l.submitted_at AS raised_at,
        'referral ' || l.referral_id || ' submitted ' || instant_text(l.submitted_at) || ', after the ' || p.grace_days
        || '-day grace period from the creation of opportunity ' || l.opportunity_id || ' (' || instant_text(o.created_at) || ') '
        || CASE WHEN o.closed_at IS NULL THEN 'while it is open' ELSE 'and before it closed (' || instant_text(o.closed_at) || ')' END
        AS detail
    FROM int_late_claims AS l
    JOIN int_opportunities AS o USING (opportunity_id)
    CROSS JOIN p
),
click_burst AS (
    SELECT
        'click_burst:' || b.partner_id || ':' || b.ip_hash || ':' || strftime(b.click_hour, '%Y-%m-%dT%H') AS flag_id,
        'click_burst' AS rule,
        'info' AS severity,
        b.partner_id,
        CAST(NULL AS VARCHAR) AS referral_id,
        CAST(NULL AS VARCHAR) AS opportunity_id,
        b.click_hour AS raised_at,
        b.clicks || ' clicks from ip_hash ' || b.ip_hash || ' on partner ' || b.partner_id || '''s links between '
        || strftime(b.click_hour, '%Y-%m-%d %H:00') || ' and ' || strftime(b.click_hour + INTERVAL 1 HOUR, '%H:00')
        || ' UTC (more than ' || p.click_burst_threshold || '); ignored by attribution' AS detail
    FROM int_click_bursts AS b
    SEMI JOIN stg_portal__partners AS pt USING (partner_id)
    CROSS JOIN p
),
duplicate_submission AS (
    SELECT
        'duplicate_submission:' || r.referral_id AS flag_id,
        'duplicate_submission' AS rule,
        'info' AS severity,
        r.partner_id,
        r.referral_id,
        CAST(NULL AS VARCHAR) AS opportunity_id,
        r.submitted_at AS raised_at,
        'referral ' || r.referral_id || ' (submitted ' || instant_text(r.submitted_at) || ') repeats ' || r.duplicate_of
        || ' (submitted ' || instant_text(k.submitted_at) || ') within ' || p.dedup_window_days || ' days: same '
        || CASE split_part(r.dedup_key, ':', 1) WHEN 'account' THEN 'account' WHEN 'domain' THEN 'company domain' ELSE 'company name' END
        || ' ' || substr(r.dedup_key, strpos(r.dedup_key, ':') + 1) AS detail
    FROM known_referrals AS r
    JOIN int_referrals AS k ON k.referral_id = r.duplicate_of
    CROSS JOIN p
    WHERE r.is_duplicate
)
SELECT * FROM self_referral
UNION ALL SELECT * FROM referral_industry
UNION ALL SELECT * FROM credited_industry
UNION ALL SELECT * FROM late_claim
UNION ALL SELECT * FROM click_burst
UNION ALL SELECT * FROM duplicate_submission

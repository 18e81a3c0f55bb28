-- Compliance rule self_referral (block, D56): every non-duplicate referral of a known partner, any status, where the
-- partner's own normalized domain (never a free-mail one, D9) is the referral's company domain, its contact's email
-- domain or the matched account's domain. flag_id self_referral:<referral_id>.
SELECT
    'self_referral:' || r.referral_id AS flag_id,
    r.partner_id,
    r.referral_id,
    CAST(NULL AS VARCHAR) AS opportunity_id,
    r.submitted_at AS raised_at,
    'referral ' || r.referral_id || ' '
    || concat_ws(', ',
        CASE WHEN r.company_domain_norm = pt.own_domain_norm THEN 'company domain ' || r.company_domain_norm END,
        CASE WHEN r.contact_email_domain = pt.own_domain_norm THEN 'contact email domain ' || r.contact_email_domain END,
        CASE WHEN a.domain_norm = pt.own_domain_norm THEN 'account ' || r.account_id || ' domain ' || a.domain_norm END)
    || ' = partner ' || r.partner_id || ' domain ' || pt.own_domain_norm AS detail
FROM int_referrals AS r
JOIN stg_portal__partners AS pt USING (partner_id)
LEFT JOIN stg_crm__accounts AS a ON a.account_id = r.account_id
WHERE r.is_self_referral

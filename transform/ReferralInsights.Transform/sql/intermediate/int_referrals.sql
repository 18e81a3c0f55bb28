-- Every referral at as_of with its match (§2), duplicate decision (§3), self-referral check (§8, needed by §4) and
-- the flags the funnel and the touches use.
--   is_known_partner: D18 — referrals of an unknown partner stay in fct_referrals only (no touch, no metric).
--   is_self_referral: D56 on every non-duplicate referral, any status: the partner's own normalized domain (never a
--     free-mail one, D9) equals the referral's company domain, its contact's email domain or the matched account's
--     domain.
--   is_accepted: D32/D44 — non-duplicate and (status 'accepted', or empty status and matched); rejected never.
--   makes_touch: §4 — matched, known partner, not a duplicate, not rejected, not a self-referral.
SELECT
    r.referral_id,
    r.partner_id,
    r.submitted_at,
    r.status,
    r.decided_at,
    r.company_name,
    r.company_name_norm,
    r.company_domain_norm,
    r.contact_email_domain,
    r.industry,
    m.account_id,
    m.match_rule,
    coalesce(m.is_ambiguous, false) AS is_ambiguous_match,
    d.dedup_key,
    d.is_duplicate,
    d.duplicate_of,
    pt.partner_id IS NOT NULL AS is_known_partner,
    NOT d.is_duplicate AND coalesce(
        pt.own_domain_norm = r.company_domain_norm
        OR pt.own_domain_norm = r.contact_email_domain
        OR pt.own_domain_norm = a.domain_norm, false) AS is_self_referral,
    NOT d.is_duplicate AND (r.status = 'accepted' OR (r.status IS NULL AND m.account_id IS NOT NULL)) AS is_accepted
FROM stg_portal__referrals AS r
JOIN int_referral_duplicates AS d USING (referral_id)
LEFT JOIN int_account_matches AS m ON m.subject = 'referral' AND m.subject_id = r.referral_id
LEFT JOIN stg_crm__accounts AS a ON a.account_id = m.account_id
LEFT JOIN stg_portal__partners AS pt ON pt.partner_id = r.partner_id

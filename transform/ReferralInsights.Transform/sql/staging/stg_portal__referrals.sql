-- Partner referrals submitted on or before as_of (D2), with the §1 normalizations used by matching and dedup.
-- D2: decided_at after as_of -> the decision did not happen yet: status 'submitted', decided_at NULL (D67).
-- D9: a free-mail company_domain is treated as absent (company_domain_norm NULL).
SELECT
    r.referral_id,
    r.partner_id,
    r.submitted_at,
    r.company_name,
    norm_company(r.company_name) AS company_name_norm,
    r.company_domain,
    CASE WHEN NOT coalesce(is_free_mail(norm_domain(r.company_domain)), false) THEN norm_domain(r.company_domain) END
        AS company_domain_norm,
    r.contact_email,
    norm_email(r.contact_email) AS contact_email_norm,
    email_domain(r.contact_email) AS contact_email_domain,
    coalesce(is_free_mail(email_domain(r.contact_email)), false) AS contact_email_is_free_mail,
    r.contact_name,
    r.contact_title,
    r.employee_count,
    r.industry,
    r.country,
    r.pain_points,
    r.timeline,
    r.budget_confirmed,
    r.notes,
    CASE WHEN r.decided_at >= p.as_of_end THEN 'submitted' ELSE lower(trim(r.status)) END AS status,
    CASE WHEN r.decided_at < p.as_of_end THEN r.decided_at END AS decided_at
FROM raw_portal__referrals AS r
CROSS JOIN cfg_params AS p
WHERE r.submitted_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY r.referral_id ORDER BY r._ingested_at DESC, r._source_file DESC, r._line DESC) = 1

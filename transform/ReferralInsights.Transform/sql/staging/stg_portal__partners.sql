-- Partners that joined on or before as_of (D2). own_domain_norm: the partner's normalized domain, NULL when free-mail
-- (D9: a free-mail partner domain never triggers self_referral).
SELECT
    p.partner_id,
    p.name,
    lower(trim(p.type)) AS type,
    p.tier,
    lower(trim(p.status)) AS status,
    p.status_since,
    p.joined_at,
    p.region,
    p.country,
    p.domain,
    CASE WHEN NOT coalesce(is_free_mail(norm_domain(p.domain)), false) THEN norm_domain(p.domain) END AS own_domain_norm,
    p.code_of_conduct_signed_at,
    p.data_privacy_signed_at
FROM raw_portal__partners AS p
CROSS JOIN cfg_params AS c
WHERE p.joined_at < c.as_of_end
QUALIFY row_number() OVER (PARTITION BY p.partner_id ORDER BY p._ingested_at DESC, p._source_file DESC, p._line DESC) = 1

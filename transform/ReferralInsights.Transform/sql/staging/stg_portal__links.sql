-- Referral links (code -> partner) created on or before as_of (D2; a link without created_at always existed).
SELECT
    l.referral_code,
    l.partner_id,
    l.landing_page,
    l.campaign,
    l.created_at
FROM raw_portal__links AS l
CROSS JOIN cfg_params AS p
WHERE l.created_at IS NULL OR l.created_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY l.referral_code ORDER BY l._ingested_at DESC, l._source_file DESC, l._line DESC) = 1

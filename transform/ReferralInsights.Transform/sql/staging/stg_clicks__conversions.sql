-- Conversions (a form fill tying a browser to a person) on or before as_of (D2); email normalized for §2 rules 2-3.
SELECT
    v.conversion_id,
    v.visitor_id,
    v.email,
    norm_email(v.email) AS email_norm,
    email_domain(v.email) AS email_domain,
    coalesce(is_free_mail(email_domain(v.email)), false) AS email_is_free_mail,
    v.converted_at
FROM raw_clicks__conversions AS v
CROSS JOIN cfg_params AS p
WHERE v.converted_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY v.conversion_id ORDER BY v._ingested_at DESC, v._source_file DESC, v._line DESC) = 1

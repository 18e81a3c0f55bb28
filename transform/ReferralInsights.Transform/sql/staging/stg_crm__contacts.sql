-- CRM contacts existing at as_of (D2); email lower-cased for the case-insensitive match of §2 rule 2. A repeated
-- contact_id keeps the row with the newest updated_at, else the last landed row.
SELECT
    c.contact_id,
    c.account_id,
    c.email,
    norm_email(c.email) AS email_norm,
    c.first_name,
    c.last_name,
    c.title,
    c.created_at,
    c.updated_at
FROM raw_crm__contacts AS c
CROSS JOIN cfg_params AS p
WHERE c.created_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY c.contact_id ORDER BY c.updated_at DESC NULLS LAST, c._ingested_at DESC, c._source_file DESC, c._line DESC) = 1

-- CRM activities that occurred on or before as_of (D2).
SELECT
    a.activity_id,
    lower(trim(a.type)) AS type,
    a.occurred_at,
    a.opportunity_id,
    a.account_id,
    a.contact_id,
    a.partner_id
FROM raw_crm__activities AS a
CROSS JOIN cfg_params AS p
WHERE a.occurred_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY a.activity_id ORDER BY a._ingested_at DESC, a._source_file DESC, a._line DESC) = 1

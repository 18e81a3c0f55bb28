-- One row per CRM account that exists at as_of (D2: created_at after as_of -> dropped; D14: matching uses every
-- account existing at as_of). A repeated account_id keeps the row with the newest updated_at, else
-- the last landed row (int_dq__conflicting_versions reports disagreeing repeats). Normalized domain (D7) and name (D8).
SELECT
    a.account_id,
    a.name,
    norm_company(a.name) AS name_norm,
    a.domain,
    norm_domain(a.domain) AS domain_norm,
    a.industry,
    a.employee_count,
    a.annual_revenue,
    a.country,
    a.created_at,
    a.updated_at
FROM raw_crm__accounts AS a
CROSS JOIN cfg_params AS p
WHERE a.created_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY a.account_id ORDER BY a.updated_at DESC NULLS LAST, a._ingested_at DESC, a._source_file DESC, a._line DESC) = 1

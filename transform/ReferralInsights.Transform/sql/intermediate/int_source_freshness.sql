-- Per source, the newest value over every timestamp column of all its entities (raw rows), values after as_of
-- ignored; NULL when the source has no timestamp on or before as_of. Read by stale_source (int_dq__stale_source) and fct_source_freshness.
WITH stamps AS (
    SELECT 'crm' AS source, unnest([created_at, updated_at]) AS stamp FROM raw_crm__accounts
    UNION ALL SELECT 'crm', unnest([created_at, updated_at]) FROM raw_crm__contacts
    UNION ALL SELECT 'crm', unnest([created_at, closed_at, refunded_at, updated_at]) FROM raw_crm__opportunities
    UNION ALL SELECT 'crm', entered_at FROM raw_crm__opportunity_stages
    UNION ALL SELECT 'crm', valid_from FROM raw_crm__fx_rates
    UNION ALL SELECT 'crm', occurred_at FROM raw_crm__activities
    UNION ALL SELECT 'portal', unnest([status_since, joined_at, code_of_conduct_signed_at, data_privacy_signed_at]) FROM raw_portal__partners
    UNION ALL SELECT 'portal', effective_from FROM raw_portal__partner_tiers
    UNION ALL SELECT 'portal', created_at FROM raw_portal__links
    UNION ALL SELECT 'portal', unnest([submitted_at, decided_at]) FROM raw_portal__referrals
    UNION ALL SELECT 'portal', unnest([opened_at, resolved_at]) FROM raw_portal__disputes
    UNION ALL SELECT 'portal', paid_at FROM raw_portal__payouts
    UNION ALL SELECT 'clicks', clicked_at FROM raw_clicks__clicks
    UNION ALL SELECT 'clicks', converted_at FROM raw_clicks__conversions
),
sources AS (
    SELECT * FROM (VALUES ('crm'), ('portal'), ('clicks')) AS s(source)
)
SELECT
    s.source,
    max(t.stamp) AS newest_at
FROM sources AS s
CROSS JOIN cfg_params AS p
LEFT JOIN stamps AS t ON t.source = s.source AND t.stamp < p.as_of_end
GROUP BY s.source

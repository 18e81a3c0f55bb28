-- Data-quality check future_timestamp (§11, D62): every raw row whose creation column (D2: created_at, submitted_at,
-- clicked_at, …) is after as_of — one finding per raw row, repeated ids included, with the file and line it came from.
-- Staging drops these rows: they do not exist for the run.
WITH creations AS (
    SELECT 'crm/accounts' AS entity, account_id AS entity_id, 'created_at' AS column_name, created_at AS stamp, _source_file, _line
    FROM raw_crm__accounts
    UNION ALL SELECT 'crm/contacts', contact_id, 'created_at', created_at, _source_file, _line FROM raw_crm__contacts
    UNION ALL SELECT 'crm/opportunities', opportunity_id, 'created_at', created_at, _source_file, _line FROM raw_crm__opportunities
    UNION ALL SELECT 'crm/opportunity_stages', opportunity_id, 'entered_at', entered_at, _source_file, _line FROM raw_crm__opportunity_stages
    UNION ALL SELECT 'crm/fx_rates', currency, 'valid_from', valid_from, _source_file, _line FROM raw_crm__fx_rates
    UNION ALL SELECT 'crm/activities', activity_id, 'occurred_at', occurred_at, _source_file, _line FROM raw_crm__activities
    UNION ALL SELECT 'portal/partners', partner_id, 'joined_at', joined_at, _source_file, _line FROM raw_portal__partners
    UNION ALL SELECT 'portal/partner_tiers', partner_id, 'effective_from', effective_from, _source_file, _line FROM raw_portal__partner_tiers
    UNION ALL SELECT 'portal/links', referral_code, 'created_at', created_at, _source_file, _line FROM raw_portal__links
    UNION ALL SELECT 'portal/referrals', referral_id, 'submitted_at', submitted_at, _source_file, _line FROM raw_portal__referrals
    UNION ALL SELECT 'portal/disputes', dispute_id, 'opened_at', opened_at, _source_file, _line FROM raw_portal__disputes
    UNION ALL SELECT 'portal/payouts', payout_id, 'paid_at', paid_at, _source_file, _line FROM raw_portal__payouts
    UNION ALL SELECT 'clicks/clicks', click_id, 'clicked_at', clicked_at, _source_file, _line FROM raw_clicks__clicks
    UNION ALL SELECT 'clicks/conversions', conversion_id, 'converted_at', converted_at, _source_file, _line FROM raw_clicks__conversions
)
SELECT c.entity, c.entity_id,
       c.column_name || ' ' || ts_text(c.stamp) || ' is after as_of ' || strftime(p.as_of, '%Y-%m-%d')
       || CASE WHEN c._source_file IS NOT NULL THEN ' (' || c._source_file || ' line ' || c._line || ')' ELSE '' END AS detail
FROM creations AS c
CROSS JOIN cfg_params AS p
WHERE c.stamp >= p.as_of_end

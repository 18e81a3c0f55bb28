-- Data-quality check conflicting_versions: a key that one read (one _ingested_at) delivered more than once with different values — a
-- won $90,000 deal and an open $10,000 one under the same opportunity_id, a referral code listed for two partners.
-- Staging keeps one version (the newest updated_at where the entity has one, else the last line read); this says
-- which lines disagreed so someone fixes the source. Equal repeats are not conflicts. _extra (columns outside the
-- contract) does not count. One row per key and read.
WITH rows_by_key AS (
    SELECT 'crm/accounts' AS entity, account_id AS entity_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) AS content
    FROM raw_crm__accounts
    UNION ALL SELECT 'crm/contacts', contact_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_crm__contacts
    UNION ALL SELECT 'crm/opportunities', opportunity_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_crm__opportunities
    UNION ALL SELECT 'crm/activities', activity_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_crm__activities
    UNION ALL SELECT 'portal/partners', partner_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_portal__partners
    UNION ALL SELECT 'portal/links', referral_code, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_portal__links
    UNION ALL SELECT 'portal/referrals', referral_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_portal__referrals
    UNION ALL SELECT 'portal/disputes', dispute_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_portal__disputes
    UNION ALL SELECT 'portal/payouts', payout_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_portal__payouts
    UNION ALL SELECT 'clicks/conversions', conversion_id, _ingested_at, _source_file, _line,
           hash(*COLUMNS(c -> c NOT IN ('_ingested_at', '_source_file', '_line', '_extra'))) FROM raw_clicks__conversions
),
conflicting AS (
    -- min <> max: more than one content, without counting distinct values or listing lines of every key
    SELECT entity, entity_id, _ingested_at
    FROM rows_by_key
    GROUP BY entity, entity_id, _ingested_at
    HAVING min(content) <> max(content)
),
versions AS (
    SELECT
        r.entity,
        r.entity_id,
        count(*) AS versions,
        string_agg(coalesce(r._source_file, '?') || ' line ' || coalesce(CAST(r._line AS VARCHAR), '?'), ', '
                   ORDER BY r._source_file, r._line) AS lines
    FROM rows_by_key AS r
    SEMI JOIN conflicting AS c USING (entity, entity_id, _ingested_at)
    GROUP BY r.entity, r.entity_id, r._ingested_at
)
SELECT v.entity, v.entity_id,
       v.versions || ' different rows in one read (' || v.lines || '); kept '
       || CASE WHEN v.entity IN ('crm/accounts', 'crm/contacts', 'crm/opportunities')
               THEN 'the newest updated_at, else the last line' ELSE 'the last line' END AS detail
FROM versions AS v

-- Stage history rows entered on or before as_of (D2); stage_norm lower-cased (D33: names case-insensitive).
-- The same entry landed by two batches (a deal's history read again) counts once: the later batch's row.
SELECT
    s.opportunity_id,
    s.stage,
    lower(trim(s.stage)) AS stage_norm,
    s.entered_at,
    s._source_file,
    s._line
FROM raw_crm__opportunity_stages AS s
CROSS JOIN cfg_params AS p
WHERE s.entered_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY s.opportunity_id, s.stage, s.entered_at ORDER BY s._ingested_at DESC, s._source_file DESC, s._line DESC) = 1

-- Stage history rows entered on or before as_of (D2); stage_norm lower-cased (D33: names case-insensitive).
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

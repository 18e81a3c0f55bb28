-- Assigned-tier history effective on or before as_of (D2); _source_file/_line order equal dates (D42).
SELECT
    t.partner_id,
    t.tier,
    t.effective_from,
    t._source_file,
    t._line
FROM raw_portal__partner_tiers AS t
CROSS JOIN cfg_params AS p
WHERE t.effective_from < p.as_of_end

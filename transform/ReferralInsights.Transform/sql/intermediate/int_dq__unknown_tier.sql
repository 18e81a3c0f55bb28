-- Data-quality check unknown_tier (D43): a tier name (trimmed, any case) that the tier table in force does not have —
-- for a partner_tiers row, the table in force on its effective day; the lowest tier's terms apply.
SELECT 'portal/partners' AS entity, t.partner_id AS entity_id,
       'tier ''' || t.tier || ''' is not in rewards.tiers; the lowest tier''s terms apply' AS detail
FROM stg_portal__partners AS t
WHERE lower(trim(t.tier)) NOT IN (SELECT lower(trim(name)) FROM cfg_current_tiers)
UNION ALL
SELECT DISTINCT 'portal/partner_tiers', t.partner_id,
       'tier ''' || t.tier || ''' effective ' || ts_text(t.effective_from)
       || ' is not in rewards.tiers; the lowest tier''s terms apply'
FROM stg_portal__partner_tiers AS t
WHERE NOT EXISTS (
    SELECT 1 FROM cfg_tiers AS c
    WHERE lower(trim(c.name)) = lower(trim(t.tier))
      AND (c.applies_from IS NULL OR c.applies_from <= CAST(t.effective_from AS DATE))
      AND (c.applies_to IS NULL OR CAST(t.effective_from AS DATE) < c.applies_to))

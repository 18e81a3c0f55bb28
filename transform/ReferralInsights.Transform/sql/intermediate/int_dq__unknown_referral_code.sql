-- Data-quality check unknown_referral_code (§4, D62): one finding per code of clicks at as_of that no link has, or
-- whose link's partner is unknown (such clicks are dropped from attribution the same way).
SELECT 'clicks/clicks' AS entity, c.referral_code AS entity_id,
       count(*) || CASE WHEN count(*) = 1 THEN ' click' ELSE ' clicks' END
       || ' from ' || ts_text(min(c.clicked_at)) || ' to ' || ts_text(max(c.clicked_at)) || '; '
       || CASE WHEN any_value(l.referral_code) IS NULL THEN 'no link has this code'
               ELSE 'the link''s partner ' || any_value(l.partner_id) || ' is unknown' END AS detail
FROM stg_clicks__clicks AS c
LEFT JOIN stg_portal__links AS l USING (referral_code)
LEFT JOIN stg_portal__partners AS k ON k.partner_id = l.partner_id
WHERE k.partner_id IS NULL
GROUP BY c.referral_code

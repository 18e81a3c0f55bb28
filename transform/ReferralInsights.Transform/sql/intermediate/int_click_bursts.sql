-- §9 / D58 click bursts: (partner, ip_hash, UTC clock hour) with strictly more than click_burst_threshold clicks over
-- all the partner's codes (known codes only: an unknown code has no partner). One row per burst (D57 flag grain).
SELECT
    l.partner_id,
    c.ip_hash,
    date_trunc('hour', c.clicked_at) AS click_hour,
    count(*) AS clicks
FROM stg_clicks__clicks AS c
JOIN stg_portal__links AS l USING (referral_code)
CROSS JOIN cfg_params AS p
WHERE c.ip_hash IS NOT NULL
GROUP BY l.partner_id, c.ip_hash, date_trunc('hour', c.clicked_at), p.click_burst_threshold
HAVING count(*) > p.click_burst_threshold

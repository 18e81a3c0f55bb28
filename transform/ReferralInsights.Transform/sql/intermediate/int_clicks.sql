-- Clicks resolved to the partner of their link. Clicks whose referral_code is unknown (no link at as_of) are dropped
-- from attribution (§4); so are clicks of a link whose partner is unknown (D18). §9 / D58: more than
-- click_burst_threshold clicks with the same ip_hash on one partner's links (all its codes) within one UTC clock hour
-- -> every click of that (partner, ip_hash, hour) is a burst click, ignored by attribution; no ip_hash never bursts.
-- utm_campaign stays for fct_partner_campaigns (which would otherwise join the clicks to themselves).
WITH resolved AS (
    SELECT
        c.click_id,
        c.clicked_at,
        c.visitor_id,
        c.referral_code,
        c.utm_campaign,
        c.ip_hash,
        l.partner_id
    FROM stg_clicks__clicks AS c
    JOIN stg_portal__links AS l USING (referral_code)
    JOIN stg_portal__partners AS pt ON pt.partner_id = l.partner_id
)
SELECT
    r.click_id,
    r.clicked_at,
    r.visitor_id,
    r.referral_code,
    r.utm_campaign,
    r.partner_id,
    coalesce(b.partner_id IS NOT NULL, false) AS is_burst
FROM resolved AS r
LEFT JOIN int_click_bursts AS b
    ON b.partner_id = r.partner_id AND b.ip_hash = r.ip_hash AND b.click_hour = date_trunc('hour', r.clicked_at)

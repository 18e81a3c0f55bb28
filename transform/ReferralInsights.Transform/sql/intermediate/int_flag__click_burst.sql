-- Compliance rule click_burst (info, D57/D58): one flag per (known partner, ip_hash, UTC hour) of int_click_bursts.
-- flag_id click_burst:<partner_id>:<ip_hash>:<UTC hour, YYYY-MM-DDTHH>.
SELECT
    'click_burst:' || b.partner_id || ':' || b.ip_hash || ':' || strftime(b.click_hour, '%Y-%m-%dT%H') AS flag_id,
    b.partner_id,
    CAST(NULL AS VARCHAR) AS referral_id,
    CAST(NULL AS VARCHAR) AS opportunity_id,
    b.click_hour AS raised_at,
    b.clicks || ' clicks from ip_hash ' || b.ip_hash || ' on partner ' || b.partner_id || '''s links between '
    || strftime(b.click_hour, '%Y-%m-%d %H:00') || ' and ' || strftime(b.click_hour + INTERVAL 1 HOUR, '%H:00')
    || ' UTC (more than ' || p.click_burst_threshold || '); ignored by attribution' AS detail
FROM int_click_bursts AS b
SEMI JOIN stg_portal__partners AS pt USING (partner_id)
CROSS JOIN cfg_params AS p

-- Mart: partner × campaign × fiscal year (by clicked_at) — how the campaigns of a partner's links perform: clicks (burst
-- clicks left out, as attribution leaves them, D58), unique visitors, the visitors who converted on or after their first
-- click of that campaign in that year, and that share. The campaign is the click's utm_campaign, else its link's
-- campaign, else '(none)'.
WITH p AS (
    SELECT fiscal_year_start_month AS fs FROM cfg_params
),
clicks AS (
    SELECT
        c.partner_id,
        coalesce(nullif(trim(c.utm_campaign), ''), nullif(trim(l.campaign), ''), '(none)') AS campaign,
        period_label(c.clicked_at, 'year', p.fs) AS period,
        c.visitor_id,
        c.clicked_at
    FROM int_clicks AS c
    JOIN stg_portal__links AS l ON l.referral_code = c.referral_code
    CROSS JOIN p
    WHERE NOT c.is_burst
),
visitors AS (
    SELECT partner_id, campaign, period, visitor_id, count(*) AS clicks, min(clicked_at) AS first_click
    FROM clicks
    GROUP BY partner_id, campaign, period, visitor_id
),
last_conversion AS (
    SELECT visitor_id, max(converted_at) AS converted_at FROM stg_clicks__conversions GROUP BY visitor_id
)
SELECT
    v.partner_id,
    v.campaign,
    v.period,
    sum(v.clicks) AS clicks,
    count(*) AS visitors,
    count(*) FILTER (WHERE k.converted_at >= v.first_click) AS converted_visitors,
    count(*) FILTER (WHERE k.converted_at >= v.first_click) / count(*) AS conversion_rate
FROM visitors AS v
LEFT JOIN last_conversion AS k USING (visitor_id)
GROUP BY v.partner_id, v.campaign, v.period

-- Link clicks on or before as_of (D2). Event log: not de-duplicated (click_id is unique at the source).
-- A view: the clicks are the largest entity by far (20M rows at program scale would fill DuckDB's memory as a table),
-- and each of its four readers scans the compressed raw Parquet for the columns it needs.
-- materialized: view
SELECT
    c.click_id,
    c.clicked_at,
    c.referral_code,
    c.visitor_id,
    c.landing_page,
    c.utm_source,
    c.utm_medium,
    c.utm_campaign,
    c.ip_hash
FROM raw_clicks__clicks AS c
CROSS JOIN cfg_params AS p
WHERE c.clicked_at < p.as_of_end

-- Data-quality check stale_source (D4, D62): one finding per source whose newest timestamp on or before as_of
-- (int_source_freshness) is missing or on a day before as_of − quality.max_staleness_days.
SELECT f.source AS entity, f.source AS entity_id,
       CASE WHEN f.newest_at IS NULL THEN 'no timestamp on or before as_of'
            ELSE 'newest timestamp ' || ts_text(f.newest_at) || ' is more than ' || p.max_staleness_days
                 || ' days before as_of ' || strftime(p.as_of, '%Y-%m-%d') END AS detail
FROM int_source_freshness AS f
CROSS JOIN cfg_params AS p
WHERE f.newest_at IS NULL OR CAST(f.newest_at AS DATE) < p.as_of - to_days(p.max_staleness_days)

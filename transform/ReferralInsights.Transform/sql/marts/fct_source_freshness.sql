-- Mart: one row per source — how current its data is: the newest timestamp of any of its rows on or before as_of
-- (int_source_freshness, which the stale_source check also reads). The pages' footer shows it: a function of the inputs and
-- as_of, unlike the time a source was read.
SELECT source, newest_at
FROM int_source_freshness

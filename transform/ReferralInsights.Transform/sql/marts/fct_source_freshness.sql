-- Mart: one row per source — how current its data is: the newest timestamp of any of its rows on or before as_of
-- (int_dq_source_freshness, which stale_source also reads). The pages' footer shows it: a function of the inputs and
-- as_of, unlike the time a source was read.
SELECT source, newest_at
FROM int_dq_source_freshness

-- Mart: one row per data-quality check (seed_dq_checks), found or not: its severity, what a finding means, and how
-- many findings this run has. The data-quality page lists every check, so a reader sees what passed too.
SELECT c."check", c.severity, c.meaning, count(f."check") AS findings
FROM seed_dq_checks AS c
LEFT JOIN fct_data_quality AS f USING ("check")
GROUP BY c."check", c.severity, c.meaning

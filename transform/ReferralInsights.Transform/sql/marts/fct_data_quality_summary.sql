-- Mart: check × severity × entity — how many findings fct_data_quality lists.
SELECT "check", severity, entity, count(*) AS findings
FROM fct_data_quality
GROUP BY "check", severity, entity

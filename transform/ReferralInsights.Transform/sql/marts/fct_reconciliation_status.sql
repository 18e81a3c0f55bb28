-- Mart: one row per reconciliation status with lines in fct_reconciliation: how many lines, what was due, what was
-- paid and the difference (paid − due), in the rewards currency.
SELECT status, count(*) AS lines, sum(expected) AS expected, sum(paid) AS paid, sum(difference) AS difference
FROM fct_reconciliation
GROUP BY status

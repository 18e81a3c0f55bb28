-- Mart: reconciliation per partner (§10): the sums of fct_reconciliation's rows (orphan payments included, expected 0)
-- and how many rows have each status. difference = paid − expected (> 0: the partner holds more than it is owed);
-- paid and difference are NULL when a payout line could not be converted (missing_fx_rate).
SELECT
    partner_id,
    CAST(sum(expected) AS DECIMAL(18,2)) AS expected,
    CAST(CASE WHEN count(paid) = count(*) THEN sum(paid) END AS DECIMAL(18,2)) AS paid,
    CAST(CASE WHEN count(difference) = count(*) THEN sum(difference) END AS DECIMAL(18,2)) AS difference,
    count(*) FILTER (WHERE status = 'matched') AS matched,
    count(*) FILTER (WHERE status = 'underpaid') AS underpaid,
    count(*) FILTER (WHERE status = 'overpaid') AS overpaid,
    count(*) FILTER (WHERE status = 'unpaid') AS unpaid,
    count(*) FILTER (WHERE status = 'duplicate_payment') AS duplicate_payment,
    count(*) FILTER (WHERE status = 'paid_but_withheld') AS paid_but_withheld,
    count(*) FILTER (WHERE status = 'orphan_payment') AS orphan_payment,
    count(*) FILTER (WHERE status = 'missing_fx_rate') AS missing_fx_rate
FROM fct_reconciliation
GROUP BY partner_id

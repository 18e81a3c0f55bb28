-- Payout lines paid on or before as_of (D2); currency upper-cased, NULL = the rewards currency (contract).
-- A payout_id landed again by a later batch (an incremental read of an edited row) is that batch's version only; lines
-- of one batch that share a payout_id all stay (a duplicate line is for fct_reconciliation to report).
SELECT
    o.payout_id,
    o.partner_id,
    o.reward_id,
    o.amount,
    upper(nullif(trim(o.currency), '')) AS currency,
    o.paid_at,
    o._source_file,
    o._line
FROM raw_portal__payouts AS o
CROSS JOIN cfg_params AS p
WHERE o.paid_at < p.as_of_end
QUALIFY o._ingested_at IS NOT DISTINCT FROM max(o._ingested_at) OVER (PARTITION BY o.payout_id)

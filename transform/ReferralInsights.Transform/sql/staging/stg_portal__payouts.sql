-- Payout lines paid on or before as_of (D2); currency upper-cased, NULL = the rewards currency (contract).
-- payout_id is the key, as for every keyed entity: the latest version wins (the later batch, e.g. an incremental read of
-- an edited row, then the later file and line).
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
QUALIFY row_number() OVER (PARTITION BY o.payout_id ORDER BY o._ingested_at DESC, o._source_file DESC, o._line DESC) = 1

-- Payout lines paid on or before as_of (D2); currency upper-cased, NULL = the rewards currency (contract).
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

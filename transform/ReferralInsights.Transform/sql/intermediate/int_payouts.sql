-- Payout lines at as_of (D2) in the program currency (§10, D11): a line without currency is in the rewards currency;
-- another currency converts at the UTC date of paid_at with the rule of §1 / D12 (the program currency's rate is 1;
-- else the latest crm/fx_rates row with valid_from ≤ that date, equal dates → the later row in the file; else the static
-- fx table; else no rate: amount_usd NULL). Each line is rounded half away from zero to cents (D10).
-- reward_id: trimmed, empty → NULL (an orphan payment, §10).
WITH lines AS (
    SELECT o.*, coalesce(o.currency, p.program_currency) AS paid_currency, CAST(o.paid_at AS DATE) AS fx_date, p.program_currency
    FROM stg_portal__payouts AS o
    CROSS JOIN cfg_params AS p
),
hist_rate AS (
    SELECT l.payout_id, l._source_file, l._line, f.rate
    FROM lines AS l
    JOIN stg_crm__fx_rates AS f ON f.currency = l.paid_currency AND CAST(f.valid_from AS DATE) <= l.fx_date
    QUALIFY row_number() OVER (PARTITION BY l.payout_id, l._source_file, l._line
                               ORDER BY f.valid_from DESC, f._source_file DESC, f._line DESC) = 1
),
priced AS (
    SELECT
        l.*,
        CASE WHEN l.paid_currency = l.program_currency THEN CAST(1 AS DECIMAL(18,6)) ELSE coalesce(h.rate, x.rate) END AS fx_rate
    FROM lines AS l
    LEFT JOIN hist_rate AS h USING (payout_id, _source_file, _line)
    LEFT JOIN cfg_fx AS x ON x.currency = l.paid_currency
)
SELECT
    payout_id,
    partner_id,
    nullif(trim(reward_id), '') AS reward_id,
    amount,
    paid_currency AS currency,
    fx_rate,
    cents(CAST(amount AS DECIMAL(38,6)) * fx_rate) AS amount_usd,
    paid_at
FROM priced

-- Opportunities at as_of with money (§1) and qualification (D33).
-- Money: amount_usd = amount × rate(currency, d), d = the UTC date of closed_at, open deals: as_of (D1). The rate is
-- 1 for the program currency (D11); else the latest crm/fx_rates row with valid_from ≤ d (equal dates: the later row
-- in the file); else the static fx table (D12, even when the currency has fx_rates rows, just none early enough);
-- else NULL (missing_fx_rate). amount_exact keeps the exact DECIMAL product (D10: revenue measures use the exact
-- value and round once); amount_usd is it rounded half away from zero to cents.
-- Window bounds (§4, D1, D3): t0 = created_at; t1 = closed_at, or as_of_end (exclusive) while open.
--   sourcing window [t0 − registration_valid_days, t0 + grace_days] (referral and click touches, both inclusive);
--   assist: a referral/click touch in (sourcing_window_end, t1) exclusive, an activity in [t0, t1].
WITH o AS (
    SELECT o.*, CAST(coalesce(o.closed_at, CAST(p.as_of AS TIMESTAMP)) AS DATE) AS fx_date, p.as_of_end, p.program_currency,
           p.registration_valid_days, p.grace_days
    FROM stg_crm__opportunities AS o
    CROSS JOIN cfg_params AS p
),
hist_rate AS (
    SELECT o.opportunity_id, f.rate
    FROM o
    JOIN stg_crm__fx_rates AS f ON f.currency = o.currency AND CAST(f.valid_from AS DATE) <= o.fx_date
    QUALIFY row_number() OVER (PARTITION BY o.opportunity_id ORDER BY f.valid_from DESC, f._source_file DESC, f._line DESC) = 1
),
stage_hist AS (
    -- D33: any stage-history rows (at as_of) -> the first entry into a qualified stage, names case-insensitive
    SELECT
        s.opportunity_id,
        min(s.entered_at) FILTER (WHERE s.stage_norm IN (SELECT stage FROM cfg_qualified_stages)) AS first_qualified_at
    FROM stg_crm__opportunity_stages AS s
    GROUP BY s.opportunity_id
),
priced AS (
    SELECT
        o.*,
        CASE
            WHEN o.currency = o.program_currency THEN CAST(1 AS DECIMAL(18,6))
            ELSE coalesce(h.rate, x.rate)
        END AS fx_rate,
        CASE
            WHEN sh.opportunity_id IS NOT NULL THEN sh.first_qualified_at
            WHEN lower(trim(o.stage)) IN (SELECT stage FROM cfg_qualified_stages) THEN o.created_at
        END AS qualified_base
    FROM o
    LEFT JOIN hist_rate AS h USING (opportunity_id)
    LEFT JOIN cfg_fx AS x ON x.currency = o.currency
    LEFT JOIN stage_hist AS sh USING (opportunity_id)
)
SELECT
    opportunity_id,
    account_id,
    name,
    stage,
    status,
    created_at,
    closed_at,
    refunded_at,
    created_at AS t0,
    coalesce(closed_at, as_of_end) AS t1,
    created_at - to_days(registration_valid_days) AS sourcing_window_start,
    created_at + to_days(grace_days) AS sourcing_window_end,
    amount,
    currency,
    fx_rate,
    fx_date,
    CAST(amount AS DECIMAL(38,6)) * fx_rate AS amount_exact,
    cents(CAST(amount AS DECIMAL(38,6)) * fx_rate) AS amount_usd,
    amount IS NOT NULL AND fx_rate IS NULL AS is_missing_fx_rate,
    -- D33: won always counts -> min(history/current-stage time, closed_at)
    CASE WHEN status = 'won' THEN least(qualified_base, closed_at) ELSE qualified_base END AS qualified_at,
    crm_partner_id,
    closed_without_date
FROM priced

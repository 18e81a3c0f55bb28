-- Mart: one row per fiscal year, quarter and the trailing twelve months that has a whole calendar month ended by the
-- end of as_of — what the council's enablement gaps compare, like for like: the period's whole months that have ended
-- (now_first … now_last, month labels), against the same months one period earlier (12 months back for a year or the
-- trailing window, 3 for a quarter). whole: both spans are the whole period (a finished year or quarter against the
-- one before, before_period its label). min_referrals: a segment is compared only with this many referrals in both.
WITH p AS (
    SELECT as_of_end, fiscal_year_start_month AS fs FROM cfg_params
),
bounds AS (
    SELECT
        i.period_type,
        i.period,
        i.period_start,
        i.period_end,
        CASE i.period_type WHEN 'quarter' THEN 3 ELSE 12 END AS back,
        CASE WHEN date_trunc('month', i.period_start) = i.period_start THEN i.period_start
             ELSE date_trunc('month', i.period_start) + INTERVAL 1 MONTH END AS first_month,
        date_trunc('month', least(i.period_end, p.as_of_end)) AS end_month
    FROM int_periods AS i
    CROSS JOIN p
    WHERE i.period_type IN ('year', 'quarter', 'trailing_12m')
)
SELECT
    b.period_type,
    b.period,
    strftime(b.first_month, '%Y-%m') AS now_first,
    strftime(b.end_month - INTERVAL 1 MONTH, '%Y-%m') AS now_last,
    strftime(b.first_month - to_months(b.back), '%Y-%m') AS before_first,
    strftime(b.end_month - INTERVAL 1 MONTH - to_months(b.back), '%Y-%m') AS before_last,
    b.first_month = b.period_start AND b.end_month = b.period_end AS whole,
    CASE WHEN b.first_month = b.period_start AND b.end_month = b.period_end AND b.period_type <> 'trailing_12m'
         THEN period_label(b.period_start - to_months(b.back), b.period_type, p.fs) END AS before_period,
    10 AS min_referrals
FROM bounds AS b
CROSS JOIN p
WHERE b.first_month < b.end_month

-- The reporting periods (D6 labels) from the first month with data (referral, opportunity or program cost) to the
-- month of as_of, and the trailing twelve months T12M (D64's window by UTC date, (as_of − 1 year, as_of]).
-- pipeline_end = E of D36: min(period end, as_of_end).
WITH p AS (
    SELECT as_of, as_of_end, fiscal_year_start_month AS fs FROM cfg_params
),
first_month AS (
    SELECT date_trunc('month', least(
        (SELECT min(submitted_at) FROM int_referrals),
        (SELECT min(created_at) FROM int_opportunities),
        (SELECT min(CASE
            WHEN period_type = 'month' THEN CAST(strptime(period || '-01', '%Y-%m-%d') AS TIMESTAMP)
            WHEN period_type = 'year' THEN CAST(make_date(CAST(period AS INTEGER), p.fs, 1) AS TIMESTAMP)
         END) FROM int_program_costs CROSS JOIN p)
    )) AS first_at
),
periods AS (
    SELECT * FROM fiscal_calendar((SELECT first_at FROM first_month), (SELECT date_trunc('month', CAST(as_of AS TIMESTAMP)) FROM p),
                                  (SELECT fs FROM p))
    UNION
    SELECT 'trailing_12m', 'T12M', trailing_12m_start(), p.as_of_end
    FROM first_month AS f CROSS JOIN p
    WHERE f.first_at IS NOT NULL
)
SELECT periods.*, least(periods.period_end, p.as_of_end) AS pipeline_end
FROM periods CROSS JOIN p

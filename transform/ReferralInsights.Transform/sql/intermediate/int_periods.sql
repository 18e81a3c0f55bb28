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
months AS (
    SELECT unnest(generate_series(f.first_at, date_trunc('month', CAST(p.as_of AS TIMESTAMP)), INTERVAL 1 MONTH)) AS m, p.fs
    FROM first_month AS f CROSS JOIN p
    WHERE f.first_at IS NOT NULL
),
periods AS (
    SELECT DISTINCT 'month' AS period_type, period_label(m, 'month', fs) AS period, m AS period_start, m + INTERVAL 1 MONTH AS period_end
    FROM months
    UNION
    SELECT 'quarter', period_label(m, 'quarter', fs), m - to_months((month(m) - fs + 12) % 12 % 3),
           m - to_months((month(m) - fs + 12) % 12 % 3) + INTERVAL 3 MONTH
    FROM months
    UNION
    SELECT 'year', period_label(m, 'year', fs), m - to_months((month(m) - fs + 12) % 12),
           m - to_months((month(m) - fs + 12) % 12) + INTERVAL 12 MONTH
    FROM months
    UNION
    SELECT 'trailing_12m', 'T12M', trailing_12m_start(), p.as_of_end
    FROM first_month AS f CROSS JOIN p
    WHERE f.first_at IS NOT NULL
)
SELECT periods.*, least(periods.period_end, p.as_of_end) AS pipeline_end
FROM periods CROSS JOIN p

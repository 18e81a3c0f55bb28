-- D39 program_costs: a cost counts in the period with its exact label and rolls up (a month counts in its quarter and
-- year, a quarter in its year); a year's cost is not apportioned down. Labels follow D6 (quarters/years fiscal).
-- Periods that start after as_of do not exist yet (nothing after as_of exists for the run).
WITH p AS (
    SELECT as_of, fiscal_year_start_month AS fs FROM cfg_params
),
parsed AS (
    SELECT
        c.period AS label,
        c.amount,
        CASE
            WHEN c.period SIMILAR TO '[0-9]{4}-[0-9]{2}' THEN 'month'
            WHEN c.period SIMILAR TO '[0-9]{4}-Q[1-4]' THEN 'quarter'
            ELSE 'year'
        END AS label_type,
        CAST(substr(c.period, 1, 4) AS INTEGER) AS y,
        p.fs,
        p.as_of
    FROM cfg_program_costs AS c
    CROSS JOIN p
),
started AS (
    SELECT
        *,
        CASE label_type
            WHEN 'month' THEN CAST(make_date(y, CAST(substr(label, 6, 2) AS INTEGER), 1) AS TIMESTAMP)
            WHEN 'quarter' THEN CAST(make_date(y, fs, 1) AS TIMESTAMP) + to_months(3 * (CAST(substr(label, 7, 1) AS INTEGER) - 1))
            ELSE CAST(make_date(y, fs, 1) AS TIMESTAMP)
        END AS period_start
    FROM parsed
),
rolled AS (
    SELECT 'month' AS period_type, label AS period, amount FROM started WHERE label_type = 'month' AND period_start <= as_of
    UNION ALL
    SELECT 'quarter', CASE WHEN label_type = 'quarter' THEN label ELSE period_label(period_start, 'quarter', fs) END, amount
    FROM started WHERE label_type IN ('month', 'quarter') AND period_start <= as_of
    UNION ALL
    SELECT 'year', period_label(period_start, 'year', fs), amount
    FROM started WHERE period_start <= as_of
)
SELECT period_type, period, sum(amount) AS amount
FROM rolled
GROUP BY period_type, period

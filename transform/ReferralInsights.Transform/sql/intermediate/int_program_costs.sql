-- D39 program_costs: a cost counts in the period with its exact label and rolls up (a month counts in its quarter and
-- year, a quarter in its year); a year's cost is not apportioned down. Labels follow D6 (quarters/years fiscal).
-- Periods that start after as_of do not exist yet (nothing after as_of exists for the run).
-- The trailing twelve months (T12M) take each cost pro rata by the days of its period inside the window (a year's cost
-- over 61 of its 365 days counts 61/365 of it), each share rounded half away from zero to cents.
WITH p AS (
    SELECT as_of, fiscal_year_start_month AS fs FROM cfg_params
),
t12m_window AS (
    SELECT trailing_12m_start() AS period_start, as_of_end AS period_end FROM cfg_params
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
spans AS (
    SELECT *, period_start + to_months(CASE label_type WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END) AS period_end
    FROM started
),
rolled AS (
    SELECT 'month' AS period_type, label AS period, amount FROM started WHERE label_type = 'month' AND period_start <= as_of
    UNION ALL
    SELECT 'quarter', CASE WHEN label_type = 'quarter' THEN label ELSE period_label(period_start, 'quarter', fs) END, amount
    FROM started WHERE label_type IN ('month', 'quarter') AND period_start <= as_of
    UNION ALL
    SELECT 'year', period_label(period_start, 'year', fs), amount
    FROM started WHERE period_start <= as_of
    UNION ALL
    SELECT 'trailing_12m', 'T12M',
           div_cents(s.amount * date_diff('day', greatest(s.period_start, t.period_start), least(s.period_end, t.period_end)),
                     date_diff('day', s.period_start, s.period_end))
    FROM spans AS s CROSS JOIN t12m_window AS t
    WHERE s.period_start < t.period_end AND s.period_end > t.period_start
)
SELECT period_type, period, sum(amount) AS amount
FROM rolled
GROUP BY period_type, period

-- The one calendar pages and payouts read (D6 labels, D64's trailing window): the reporting periods of int_periods,
-- reaching back to the fiscal quarter that last ended by as_of (the run writes that quarter's payout file even before
-- the program's first data) and always holding the periods that contain as_of, so a program without data yet still has
-- its current fiscal year. is_finished: the period ended by the end of as_of (the trailing window is a whole window);
-- contains_as_of: as_of's day falls in it; is_last_ended_quarter: the quarter whose payout file the run writes.
WITH p AS (
    SELECT as_of_end, fiscal_year_start_month AS fs, date_trunc('month', CAST(as_of AS TIMESTAMP)) AS as_of_month,
           fiscal_quarter_start(date_trunc('month', CAST(as_of + 1 AS TIMESTAMP) - INTERVAL 3 MONTH), fiscal_year_start_month)
               AS last_ended_quarter_start
    FROM cfg_params
),
periods AS (
    SELECT * FROM fiscal_calendar(
        (SELECT least((SELECT min(period_start) FROM int_periods WHERE period_type = 'month'), last_ended_quarter_start) FROM p),
        (SELECT as_of_month FROM p), (SELECT fs FROM p))
    UNION ALL
    SELECT 'trailing_12m', 'T12M', trailing_12m_start(), as_of_end FROM p
)
SELECT periods.period_type, periods.period, periods.period_start, periods.period_end,
       periods.period_end <= p.as_of_end AS is_finished,
       periods.period_start < p.as_of_end AND p.as_of_end <= periods.period_end AS contains_as_of,
       periods.period_type = 'quarter' AND periods.period_start = p.last_ended_quarter_start AS is_last_ended_quarter
FROM periods CROSS JOIN p

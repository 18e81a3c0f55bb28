-- Mart: period × qualified-rate tenth — how many partners with a row in fct_partner_metrics for the period have a
-- qualified rate in [bucket/10, (bucket+1)/10) (a rate of 1 in the top tenth); all ten tenths of every period of
-- int_periods, empty ones with 0. Partners without a qualified rate (no referrals) are in none.
WITH counted AS (
    SELECT period_type, period, CAST(least(floor(qualified_rate * 10), 9) AS INTEGER) AS bucket, count(*) AS partners
    FROM fct_partner_metrics
    WHERE qualified_rate IS NOT NULL
    GROUP BY ALL
)
SELECT p.period_type, p.period, b.bucket, coalesce(c.partners, 0) AS partners
FROM int_periods AS p
CROSS JOIN (SELECT CAST(range AS INTEGER) AS bucket FROM range(10)) AS b
LEFT JOIN counted AS c ON c.period_type = p.period_type AND c.period = p.period AND c.bucket = b.bucket

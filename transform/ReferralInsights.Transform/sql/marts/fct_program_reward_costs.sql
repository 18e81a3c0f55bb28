-- Mart: period × reward type — the rewards earned in the period that cost the program (counts_as_cost: payable or
-- capped), by type: how many and how much. Periods are int_periods' months, fiscal quarters and years and the trailing
-- twelve months, by earned_at in [period_start, period_end). A type with no cost in a period has no row.
SELECT p.period_type, p.period, r.type, count(*) AS rewards, sum(r.amount) AS amount
FROM int_periods AS p
JOIN fct_rewards AS r ON r.earned_at >= p.period_start AND r.earned_at < p.period_end
WHERE counts_as_cost(r.status)
GROUP BY ALL

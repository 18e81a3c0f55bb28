-- D27 the evidence of the Shapley games: every closed opportunity (won or lost at as_of; closed_at ≤ as_of by
-- staging), the one being credited included, grouped by its exact pre-dispute sourcing set (an empty list when it has
-- no sourcing partner), with how many closed and how many were won. From these rows int_shapley_credits takes
--   v(S) = wins/closed of the row whose set is exactly S when closed ≥ attribution.shapley_min_support,
--   r0 = Σ wins / Σ closed over all rows, and closed_p / wins_p from the rows whose set is exactly {p}.
SELECT
    coalesce(s.sourcing_set, CAST([] AS VARCHAR[])) AS sourcing_set,
    count(*) AS closed,
    count(*) FILTER (WHERE o.status = 'won') AS wins
FROM int_opportunities AS o
LEFT JOIN int_sourcing_sets AS s USING (opportunity_id)
WHERE o.status IN ('won', 'lost')
GROUP BY ALL

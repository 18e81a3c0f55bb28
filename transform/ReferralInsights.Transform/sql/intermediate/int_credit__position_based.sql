-- Attribution model position_based (§5): 2 partners → 0.5 each; ≥ 3 → 0.4 to the first and 0.4 to the last by first
-- touch, 0.2 split equally among the middle. Pre-dispute.
SELECT
    opportunity_id,
    partner_id,
    CASE
        WHEN n = 2 THEN 0.5
        WHEN first_rank = 1 OR first_rank = n THEN 0.4
        ELSE div18(0.2, n - 2) END AS credit,
    CASE
        WHEN n = 2 THEN 'one of two sourcing partners: 0.5'
        WHEN first_rank = 1 THEN 'first by first touch (' || ts_text(first_touch_at) || '): 0.4'
        WHEN first_rank = n THEN 'last by first touch (' || ts_text(first_touch_at) || '): 0.4'
        ELSE 'middle by first touch (' || ts_text(first_touch_at) || '): 0.2 split among ' || (n - 2) END AS decision
FROM int_sourcing_ranks

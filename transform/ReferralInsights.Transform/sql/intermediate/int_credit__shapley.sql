-- Attribution model shapley (§5, D27/D28): the credits of int_shapley_credits (exact Shapley values for ≤ 10 partners,
-- else linear), with the method in the decision. Pre-dispute.
SELECT
    r.opportunity_id,
    r.partner_id,
    sh.credit,
    CASE sh.method
        WHEN 'linear_over_10' THEN 'linear: ' || r.n || ' sourcing partners, more than 10'
        WHEN 'linear_no_positive_value' THEN 'linear: no positive Shapley value (φ = ' || printf('%.6f', sh.shapley_value) || ')'
        ELSE 'Shapley value φ = ' || printf('%.6f', sh.shapley_value)
            || CASE WHEN sh.shapley_value < 0 THEN ' clipped to 0' ELSE '' END
            || ', normalised over ' || r.n || ' sourcing partners; v(S) observed for ' || sh.observed_coalitions || ' of '
            || sh.coalitions || ' coalitions, shrunk solo rates otherwise' END AS decision
FROM int_sourcing_ranks AS r
LEFT JOIN int_shapley_credits AS sh ON sh.opportunity_id = r.opportunity_id AND sh.partner_id = r.partner_id

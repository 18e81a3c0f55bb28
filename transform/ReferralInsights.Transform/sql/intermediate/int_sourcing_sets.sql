-- §5 / D27 each opportunity's pre-dispute sourcing set SP: its sourcing partners (the touch SP, before disputes),
-- sorted by partner_id (ordinal), with the opportunity's status. Opportunities without a sourcing partner have no row.
-- The Shapley games are played over these sets (int_shapley_credits), and closed ones are their evidence
-- (int_shapley_outcomes).
SELECT
    o.opportunity_id,
    list(s.partner_id ORDER BY s.partner_id) AS sourcing_set,
    count(*) AS partners,
    o.status
FROM int_sourcing_partners AS s
JOIN int_opportunities AS o USING (opportunity_id)
GROUP BY o.opportunity_id, o.status

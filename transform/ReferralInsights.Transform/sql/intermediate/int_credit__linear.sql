-- Attribution model linear (§5): 1/|SP| each. Pre-dispute.
SELECT
    opportunity_id,
    partner_id,
    div18(1, n) AS credit,
    'equal share of ' || n || ' sourcing partners' AS decision
FROM int_sourcing_ranks

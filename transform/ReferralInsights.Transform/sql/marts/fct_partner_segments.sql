-- Mart: period × dimension × segment — the partners of one partner type (dimension 'type') or region (dimension
-- 'region'; a partner without one is 'unknown') with a row in fct_partner_metrics for the period, and their summed
-- referrals, qualified referrals, won, partner-sourced revenue and rewards earned; qualified_rate = qualified ÷
-- referrals (NULL without referrals).
WITH segmented AS (
    SELECT d.dimension, coalesce(CASE d.dimension WHEN 'type' THEN p.type ELSE p.region END, 'unknown') AS segment, m.*
    FROM fct_partner_metrics AS m
    JOIN dim_partners AS p USING (partner_id)
    CROSS JOIN (VALUES ('type'), ('region')) AS d(dimension)
)
SELECT
    period_type,
    period,
    dimension,
    segment,
    count(DISTINCT partner_id) AS partners,
    CAST(sum(referrals) AS BIGINT) AS referrals,
    CAST(sum(qualified) AS BIGINT) AS qualified,
    CASE WHEN sum(referrals) > 0 THEN sum(qualified) / sum(referrals) END AS qualified_rate,
    CAST(sum(won) AS BIGINT) AS won,
    sum(sourced_revenue) AS sourced_revenue,
    sum(rewards_earned) AS rewards_earned
FROM segmented
GROUP BY period_type, period, dimension, segment

-- Mart: one row per attribution class of fct_opportunities (direct, co_referral, assisted, unattributed): how many
-- opportunities, how many of them won and their won revenue (USD, 0 when none won).
SELECT
    attribution_class,
    count(*) AS opportunities,
    count(*) FILTER (WHERE status = 'won') AS won,
    coalesce(sum(amount_usd) FILTER (WHERE status = 'won'), 0) AS won_revenue
FROM fct_opportunities
GROUP BY attribution_class

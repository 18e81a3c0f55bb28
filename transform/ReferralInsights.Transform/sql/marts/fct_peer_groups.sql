-- Mart: period × partner type — the typical partner of each type (a partner without one is 'unknown'): how many
-- partners with a row in fct_partner_metrics for the period, their referrals in sum, the median partner's referrals,
-- qualified rate, conversion rate and average deal size (median over the partners with a value), and their summed
-- partner-sourced revenue. The council pack shows these without naming any partner.
SELECT
    m.period_type,
    m.period,
    coalesce(p.type, 'unknown') AS partner_type,
    count(*) AS partners,
    CAST(sum(m.referrals) AS BIGINT) AS referrals,
    median(m.referrals) AS median_referrals,
    median(m.qualified_rate) AS median_qualified_rate,
    median(m.conversion_rate) AS median_conversion_rate,
    median(m.avg_deal_size) AS median_avg_deal_size,
    sum(m.sourced_revenue) AS sourced_revenue
FROM fct_partner_metrics AS m
JOIN dim_partners AS p USING (partner_id)
GROUP BY ALL

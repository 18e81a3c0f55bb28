-- Mart: partner × year, quarter or trailing window — the partner's percent rank among the partners with a row in
-- fct_partner_metrics for that period and a value for the metric (0 = lowest, 1 = best; NULL when the partner has no
-- value). Higher is better except for median days to close, where faster ranks higher. Scorecards show these as
-- "percentile among partners"; no other partner's figure leaves the mart.
SELECT
    partner_id,
    period_type,
    period,
    CASE WHEN referrals IS NOT NULL THEN percent_rank() OVER (PARTITION BY period_type, period, referrals IS NULL ORDER BY referrals ASC) END AS referrals,
    CASE WHEN qualified_rate IS NOT NULL THEN percent_rank() OVER (PARTITION BY period_type, period, qualified_rate IS NULL ORDER BY qualified_rate ASC) END AS qualified_rate,
    CASE WHEN conversion_rate IS NOT NULL THEN percent_rank() OVER (PARTITION BY period_type, period, conversion_rate IS NULL ORDER BY conversion_rate ASC) END AS conversion_rate,
    CASE WHEN sourced_revenue IS NOT NULL THEN percent_rank() OVER (PARTITION BY period_type, period, sourced_revenue IS NULL ORDER BY sourced_revenue ASC) END AS sourced_revenue,
    CASE WHEN avg_deal_size IS NOT NULL THEN percent_rank() OVER (PARTITION BY period_type, period, avg_deal_size IS NULL ORDER BY avg_deal_size ASC) END AS avg_deal_size,
    CASE WHEN median_days_to_close IS NOT NULL THEN percent_rank() OVER (PARTITION BY period_type, period, median_days_to_close IS NULL ORDER BY median_days_to_close DESC) END AS median_days_to_close
FROM fct_partner_metrics
WHERE period_type <> 'month'

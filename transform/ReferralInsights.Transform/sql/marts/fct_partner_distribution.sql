-- Mart: period × measure — how partner performance is spread: the lower quartile, median and upper quartile
-- (quantile_cont, interpolated) of each measure over the partners with a row in fct_partner_metrics for the period and a
-- value for the measure; partners counts every partner with a row. Every period of int_periods has a row per measure
-- (no partner: partners 0 and no quartiles). The council pack shows these without naming any partner.
WITH quartiles AS (
    SELECT
        p.period_type,
        p.period,
        count(m.partner_id) AS partners,
        CAST(quantile_cont(m.referrals, [0.25, 0.5, 0.75]) AS DOUBLE[]) AS referrals,
        CAST(quantile_cont(m.qualified_rate, [0.25, 0.5, 0.75]) AS DOUBLE[]) AS qualified_rate,
        CAST(quantile_cont(m.conversion_rate, [0.25, 0.5, 0.75]) AS DOUBLE[]) AS conversion_rate,
        CAST(quantile_cont(m.sourced_revenue, [0.25, 0.5, 0.75]) AS DOUBLE[]) AS sourced_revenue,
        CAST(quantile_cont(m.median_days_to_close, [0.25, 0.5, 0.75]) AS DOUBLE[]) AS median_days_to_close
    FROM int_periods AS p
    LEFT JOIN fct_partner_metrics AS m USING (period_type, period)
    GROUP BY p.period_type, p.period
)
SELECT period_type, period, measure, partners, q[1] AS lower_quartile, q[2] AS median, q[3] AS upper_quartile
FROM quartiles
UNPIVOT INCLUDE NULLS (q FOR measure IN (referrals, qualified_rate, conversion_rate, sourced_revenue, median_days_to_close))

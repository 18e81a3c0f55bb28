-- Mart: the council's top enablement gaps — per period of fct_enablement_gap_spans, the (at most) five partner type ×
-- region segments (a partner without one is 'unknown') whose qualified rate by submission month fell most from the
-- earlier span to the period's own, among segments with at least min_referrals referrals in both; rank 1 fell most
-- (ties by type, then region).
WITH segments AS (
    SELECT
        s.period_type,
        s.period,
        CASE WHEN m.period >= s.now_first THEN 'now' ELSE 'before' END AS span,
        coalesce(p.type, 'unknown') AS partner_type,
        coalesce(p.region, 'unknown') AS region,
        CAST(sum(m.referrals) AS BIGINT) AS referrals,
        CAST(sum(m.qualified) AS BIGINT) AS qualified
    FROM fct_enablement_gap_spans AS s
    JOIN fct_partner_metrics AS m
        ON m.period_type = 'month'
       AND (m.period BETWEEN s.before_first AND s.before_last OR m.period BETWEEN s.now_first AND s.now_last)
    JOIN dim_partners AS p ON p.partner_id = m.partner_id
    GROUP BY ALL
),
fallen AS (
    SELECT
        c.period_type,
        c.period,
        c.partner_type,
        c.region,
        b.referrals AS before_referrals,
        b.qualified / b.referrals AS before_rate,
        c.referrals AS now_referrals,
        c.qualified / c.referrals AS now_rate
    FROM segments AS c
    JOIN segments AS b
        ON b.period_type = c.period_type AND b.period = c.period AND b.partner_type = c.partner_type AND b.region = c.region
       AND b.span = 'before'
    JOIN fct_enablement_gap_spans AS s ON s.period_type = c.period_type AND s.period = c.period
    WHERE c.span = 'now' AND c.referrals >= s.min_referrals AND b.referrals >= s.min_referrals
      AND c.qualified / c.referrals < b.qualified / b.referrals
)
SELECT
    period_type,
    period,
    row_number() OVER (PARTITION BY period_type, period ORDER BY now_rate - before_rate, partner_type, region) AS rank,
    partner_type,
    region,
    before_referrals,
    before_rate,
    now_referrals,
    now_rate
FROM fallen
QUALIFY rank <= 5

-- Mart: §13 the ROI view's comparison of partner-sourced deals (class direct or co_referral after disputes) with all
-- other closed deals, per fiscal year and quarter of closed_at (D6). Both segments appear for every period with a
-- closed deal.
--   closed, won; win_rate = won / closed with its 95 % Wilson score interval (win_rate_lo, win_rate_hi; z = 1.959964;
--     clamped to 0..1 against floating-point error at win rates 0 and 1, where a bound is exactly 0 or 1);
--   median_days_to_close: UTC calendar days from created_at to closed_at over the closed deals (D5, continuous);
--   avg_deal_size = Σ amount_usd / n over the won deals with an amount (exact, rounded once to cents, D10), with its
--   95 % percentile bootstrap interval (int_deal_size_bootstrap: 1,000 resamples, fixed seed).
-- Rates and intervals are NULL on an empty segment.
WITH periods AS (
    SELECT DISTINCT period_type, period FROM int_leadership_deals
),
segments AS (
    SELECT * FROM (VALUES ('partner_sourced'), ('other')) AS s(segment)
),
facts AS (
    SELECT
        period_type,
        period,
        segment,
        count(*) AS closed,
        count(*) FILTER (WHERE is_won) AS won,
        quantile_cont(days_to_close, 0.5) AS median_days_to_close,
        count(won_amount_exact) AS won_with_amount,
        sum(won_amount_exact) AS won_amount_exact
    FROM int_leadership_deals
    GROUP BY ALL
),
rates AS (
    SELECT
        p.period_type,
        p.period,
        s.segment,
        coalesce(f.closed, 0) AS closed,
        coalesce(f.won, 0) AS won,
        CAST(f.won AS DOUBLE) / nullif(f.closed, 0) AS win_rate,
        f.median_days_to_close,
        coalesce(f.won_with_amount, 0) AS won_with_amount,
        div_cents(f.won_amount_exact, f.won_with_amount) AS avg_deal_size
    FROM periods AS p
    CROSS JOIN segments AS s
    LEFT JOIN facts AS f USING (period_type, period, segment)
),
wilson AS (
    -- Wilson score interval: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)
    SELECT
        r.*,
        (r.win_rate + z * z / (2 * r.closed)) / (1 + z * z / r.closed) AS center,
        z * sqrt(r.win_rate * (1 - r.win_rate) / r.closed + z * z / (4 * r.closed * r.closed)) / (1 + z * z / r.closed) AS half_width
    FROM rates AS r
    CROSS JOIN (SELECT 1.959963984540054 AS z) AS normal_quantile
)
SELECT
    w.period_type,
    w.period,
    w.segment,
    w.closed,
    w.won,
    w.win_rate,
    greatest(0.0, w.center - w.half_width) AS win_rate_lo,
    least(1.0, w.center + w.half_width) AS win_rate_hi,
    w.median_days_to_close,
    w.won_with_amount,
    w.avg_deal_size,
    b.avg_deal_size_lo,
    b.avg_deal_size_hi
FROM wilson AS w
LEFT JOIN int_deal_size_bootstrap AS b USING (period_type, period, segment)

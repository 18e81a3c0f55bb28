-- Mart: partner × period (§6), periods month/quarter/year labelled per D6 and the trailing 12 months (T12M, D64's window), known partners only (D18). The counts,
-- rates, revenue, pipeline and rewards are int_period_facts' partner rows (definitions and row existence there).
--   median/p75_days_to_close, by closed_at period: UTC calendar days (D5) from the partner's earliest sourcing
--     referral/click touch on a credited won deal to closed_at, continuous percentile, each deal once.
WITH won_deals AS (
    SELECT d.*, unnest(periods_of(d.closed_at), recursive := true)
    FROM int_credited_deals AS d
    WHERE d.status = 'won'
),
days_to_close AS (
    SELECT
        d.partner_id,
        d.period_type,
        d.period,
        quantile_cont(date_diff('day', CAST(d.first_sourcing_at AS DATE), CAST(d.closed_at AS DATE)), 0.5)
            FILTER (WHERE d.first_sourcing_at IS NOT NULL) AS median_days_to_close,
        quantile_cont(date_diff('day', CAST(d.first_sourcing_at AS DATE), CAST(d.closed_at AS DATE)), 0.75)
            FILTER (WHERE d.first_sourcing_at IS NOT NULL) AS p75_days_to_close
    FROM won_deals AS d
    GROUP BY ALL
)
SELECT
    f.partner_id,
    f.period_type,
    f.period,
    f.referrals,
    f.duplicates,
    f.accepted,
    f.qualified,
    f.won,
    f.lost,
    f.qualified_rate,
    f.conversion_rate,
    f.win_rate,
    f.sourced_revenue,
    f.avg_deal_size,
    d.median_days_to_close,
    d.p75_days_to_close,
    f.open_pipeline,
    f.rewards_earned
FROM int_period_facts AS f
LEFT JOIN days_to_close AS d USING (partner_id, period_type, period)
WHERE f.partner_id IS NOT NULL

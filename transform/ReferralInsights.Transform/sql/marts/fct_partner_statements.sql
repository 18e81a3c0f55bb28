-- Mart: partner × fiscal quarter — the payout statement on the scorecard. earned: rewards payable or capped, by the
-- quarter they were earned in; withheld: rewards withheld, by the same quarter; paid: payout lines by the quarter they
-- were paid in, in the program currency (int_payouts; a line without a rate counts 0 here and is a finding). A quarter
-- appears when it has any of the three. Quarters labelled per D6.
WITH p AS (
    SELECT fiscal_year_start_month AS fs FROM cfg_params
),
rewards AS (
    SELECT
        r.partner_id,
        period_label(r.earned_at, 'quarter', p.fs) AS period,
        coalesce(sum(r.amount) FILTER (WHERE counts_as_cost(r.status)), 0) AS earned,
        coalesce(sum(r.amount) FILTER (WHERE r.status = 'withheld'), 0) AS withheld
    FROM fct_rewards AS r CROSS JOIN p
    GROUP BY r.partner_id, period_label(r.earned_at, 'quarter', p.fs)
),
payments AS (
    SELECT o.partner_id, period_label(o.paid_at, 'quarter', p.fs) AS period, coalesce(sum(o.amount_usd), 0) AS paid
    FROM int_payouts AS o CROSS JOIN p
    GROUP BY o.partner_id, period_label(o.paid_at, 'quarter', p.fs)
)
SELECT
    partner_id,
    period,
    coalesce(r.earned, 0) AS earned,
    coalesce(r.withheld, 0) AS withheld,
    coalesce(x.paid, 0) AS paid
FROM rewards AS r
FULL JOIN payments AS x USING (partner_id, period)

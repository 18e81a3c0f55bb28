-- Mart: partner × attribution model × fiscal year (by closed_at) over won deals: how much credit each of the seven
-- models (§5) gives the partner — won_deals the sum of its credit (a deal shared half and half counts 0.5 to each),
-- won_revenue that credit times the deal's amount_usd, rounded to cents once. Side by side, the models show how credit
-- moves between partners with the rule (first touch favours who came first, Shapley who made the deal likelier).
-- Credit is as each model gives it: disputes are resolved in the reward model only (D29).
WITH p AS (
    SELECT fiscal_year_start_month AS fs FROM cfg_params
)
SELECT
    a.partner_id,
    a.model,
    period_label(o.closed_at, 'year', p.fs) AS period,
    sum(a.credit) AS won_deals,
    round(sum(a.credit * o.amount_usd), 2) AS won_revenue
FROM fct_attribution AS a
JOIN fct_opportunities AS o USING (opportunity_id)
CROSS JOIN p
WHERE o.status = 'won' AND a.credit > 0
GROUP BY a.partner_id, a.model, period_label(o.closed_at, 'year', p.fs)

-- §5 attribution: one row per (opportunity, partner, model) of cfg_attribution_models (first_touch, last_touch,
-- linear, time_decay, position_based, primary_share, shapley), each with the rule that decided its credit (decision).
--   Reporting models run over the touch SP (D29) with their own rules (int_model_credits, from int_credit__<model>);
--   the reward model (attribution.reward_model) carries the disputes (int_reward_credits).
--   Assist rows (D23): every partner with an assist touch on O and no row in a model gets credit 0 in that model.
--   role (D24): one value per (opportunity, partner) across models: among the reward model's partners after
--     disputes, primary = highest credit, ties by the primary_share order; the rest 'co'; everyone else 'assist'.
--     Assist rows (credit 0, D23) always say 'assist': a partner that only assisted but was given credit by a
--     resolved dispute is primary/co in the reward model and 'assist' in the reporting models, which keep the touch
--     SP (D29) — so "credit sums to 1 over the primary/co rows" holds in every model.
--   decision: the rule and the numbers that gave this row its credit, in words (explain prints it).
WITH sourced AS (
    -- per-model rows of sourcing partners: the reward model after disputes, the others as computed
    SELECT c.opportunity_id, c.partner_id, c.model, c.credit, c.decision, false AS is_reward_model, false AS is_assist_row
    FROM int_model_credits AS c CROSS JOIN cfg_params AS p
    WHERE c.model <> p.reward_model
    UNION ALL
    SELECT r.opportunity_id, r.partner_id, p.reward_model, r.credit, r.decision, true, false
    FROM int_reward_credits AS r CROSS JOIN cfg_params AS p
),
assisting AS (
    SELECT DISTINCT opportunity_id, partner_id
    FROM int_touch_opportunities
    WHERE role = 'assist'
),
assist_rows AS (
    SELECT a.opportunity_id, a.partner_id, m.model, CAST(0 AS DECIMAL(38,18)) AS credit,
           'assist touch only: no sourcing credit' AS decision, m.model = p.reward_model AS is_reward_model, true AS is_assist_row
    FROM assisting AS a
    CROSS JOIN cfg_attribution_models AS m
    CROSS JOIN cfg_params AS p
    ANTI JOIN sourced AS s ON s.opportunity_id = a.opportunity_id AND s.partner_id = a.partner_id AND s.model = m.model
),
roles AS (
    SELECT
        r.opportunity_id,
        r.partner_id,
        CASE WHEN row_number() OVER (
                 PARTITION BY r.opportunity_id
                 ORDER BY r.credit DESC, s.first_referral_at NULLS LAST, s.first_click_at NULLS LAST, r.partner_id) = 1
             THEN 'primary' ELSE 'co' END AS role
    FROM int_reward_credits AS r
    LEFT JOIN int_sourcing_partners AS s USING (opportunity_id, partner_id)
),
all_rows AS (
    SELECT * FROM sourced
    UNION ALL
    SELECT * FROM assist_rows
)
SELECT
    a.opportunity_id,
    a.partner_id,
    a.model,
    a.credit,
    CASE WHEN a.is_assist_row THEN 'assist' ELSE r.role END AS role,
    a.is_reward_model,
    a.decision
FROM all_rows AS a
LEFT JOIN roles AS r USING (opportunity_id, partner_id)

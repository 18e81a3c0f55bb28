-- Mart: grain opportunity × partner × model (§5). credit in 0..1, summing to 1 per opportunity and model over the
-- sourcing partners (up to the 18th decimal); assist rows have credit 0 (D23); role per D24. is_reward_model marks
-- the model that pays (attribution.reward_model), the only one that carries dispute resolutions (D29). decision: the
-- rule and numbers that gave the row its credit (the primary's earliest touch, the split among co partners, the
-- Shapley value, the dispute that overrode the reward model), what `explain opportunity` prints.
SELECT
    opportunity_id,
    partner_id,
    model,
    credit,
    role,
    is_reward_model,
    decision
FROM int_attribution

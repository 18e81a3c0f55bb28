-- Mart: grain opportunity × partner × model (§5). credit in 0..1, summing to 1 per opportunity and model over the
-- sourcing partners (up to the 18th decimal); assist rows have credit 0 (D23); role per D24. is_reward_model marks
-- the model that pays (attribution.reward_model), the only one that carries dispute resolutions (D29).
SELECT
    opportunity_id,
    partner_id,
    model,
    credit,
    role,
    is_reward_model
FROM int_attribution

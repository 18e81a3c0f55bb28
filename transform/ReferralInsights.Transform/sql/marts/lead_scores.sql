-- Mart: one row per scored referral (data-contract.md lead_scores): the lead-quality model's probability that the
-- referral qualifies within model.label_days, the registered model version that scored it and its top factors
-- (per-feature contributions, largest first, "feature=value (+log-odds)"). Empty when no model passed the AUC floor
-- (the run manifest says why). Passed through from the attached input_lead_scores.
SELECT referral_id, score, model_version, top_factors
FROM input_lead_scores

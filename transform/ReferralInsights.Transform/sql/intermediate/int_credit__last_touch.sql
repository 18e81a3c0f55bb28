-- Attribution model last_touch (§5): the partner with the latest last sourcing touch gets 1, ties by partner_id (D25);
-- the others 0. Pre-dispute; int_model_credits gives a lone sourcing partner 1 in every model.
SELECT
    opportunity_id,
    partner_id,
    CASE WHEN last_rank = 1 THEN 1 ELSE 0 END AS credit,
    CASE WHEN last_rank = 1 THEN 'latest last sourcing touch ' ELSE 'not the latest last sourcing touch: ' END
    || ts_text(last_touch_at) || CASE WHEN last_tied THEN ' (tie broken by partner_id)' ELSE '' END AS decision
FROM int_sourcing_ranks

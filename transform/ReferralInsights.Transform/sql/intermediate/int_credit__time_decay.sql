-- Attribution model time_decay (§5, D26): each partner's decay weight (int_sourcing_ranks) normalized over the
-- opportunity's sourcing partners. Pre-dispute.
SELECT
    opportunity_id,
    partner_id,
    CAST(decay_weight / sum(decay_weight) OVER (PARTITION BY opportunity_id) AS DECIMAL(38,18)) AS credit,
    'weight 2^(-' || printf('%.2f', decay_age_days) || ' d / ' || num_text(half_life_days) || ' d) = '
    || printf('%.4f', decay_weight) || ' since the last sourcing touch ' || ts_text(last_touch_at)
    || ', normalised over ' || n || ' sourcing partners' AS decision
FROM int_sourcing_ranks

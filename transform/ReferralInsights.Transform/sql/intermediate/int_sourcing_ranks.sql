-- §5 what the attribution models read about each sourcing partner of an opportunity (int_sourcing_partners): n = |SP|,
-- its rank by first touch, by last touch (latest first) and in the primary_share order (earliest sourcing referral
-- touch, else earliest sourcing click touch, D24), ties by partner_id (D25), whether the winner of each order shares
-- its time with another partner (the decision names the tie-break), and the time_decay weight (D26):
-- 2^(−age/half_life_days), age = fractional days from the partner's last sourcing touch to t0.
SELECT
    s.*,
    count(*) OVER w AS n,
    row_number() OVER (PARTITION BY s.opportunity_id
                       ORDER BY s.first_referral_at NULLS LAST, s.first_click_at NULLS LAST, s.partner_id) AS ps_rank,
    row_number() OVER (PARTITION BY s.opportunity_id ORDER BY s.first_touch_at, s.partner_id) AS first_rank,
    row_number() OVER (PARTITION BY s.opportunity_id ORDER BY s.last_touch_at DESC, s.partner_id) AS last_rank,
    -- tied with the winner on time: the winner was chosen by partner_id (D25)
    rank() OVER (PARTITION BY s.opportunity_id ORDER BY s.first_referral_at NULLS LAST, s.first_click_at NULLS LAST) = 1
        AND count(*) OVER (PARTITION BY s.opportunity_id, s.first_referral_at, s.first_click_at) > 1 AS ps_tied,
    rank() OVER (PARTITION BY s.opportunity_id ORDER BY s.first_touch_at) = 1
        AND count(*) OVER (PARTITION BY s.opportunity_id, s.first_touch_at) > 1 AS first_tied,
    rank() OVER (PARTITION BY s.opportunity_id ORDER BY s.last_touch_at DESC) = 1
        AND count(*) OVER (PARTITION BY s.opportunity_id, s.last_touch_at) > 1 AS last_tied,
    date_diff('microsecond', s.last_touch_at, o.t0) / 86400000000.0 AS decay_age_days,
    pow(2.0, -(date_diff('microsecond', s.last_touch_at, o.t0) / 86400000000.0) / p.half_life_days) AS decay_weight,
    p.half_life_days,
    p.primary_share
FROM int_sourcing_partners AS s
JOIN int_opportunities AS o USING (opportunity_id)
CROSS JOIN cfg_params AS p
WINDOW w AS (PARTITION BY s.opportunity_id)

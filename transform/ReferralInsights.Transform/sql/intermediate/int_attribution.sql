-- §5 attribution: one row per (opportunity, partner, model), for the models first_touch, last_touch, linear,
-- time_decay, position_based and primary_share (shapley comes in a later issue).
-- Credits are DECIMAL(38,18), quotients rounded half away from zero at 18 decimals (div18).
--   Reporting models run over the touch SP (D29). Ties always by partner_id, ordinal, lowest wins (D25).
--     first_touch: earliest first sourcing touch gets 1. last_touch: latest last sourcing touch gets 1.
--     linear: 1/|SP|. time_decay (D26): weight 2^(−age/half_life_days), age = fractional days from the partner's
--     last sourcing touch to t0 (negative inside the grace day), normalized. position_based: 1 → 1; 2 → 0.5 each;
--     ≥3 → 0.4 first and 0.4 last by first touch, 0.2 split equally among the middle.
--     primary_share: primary = earliest sourcing referral touch, else earliest sourcing click touch, then partner_id
--     (D24/D25 order); primary gets attribution.primary_share, the others split the rest equally; 1 partner → 1.
--   The reward model (attribution.reward_model) carries the disputes (D29/D30): the latest resolved dispute on O
--     (resolved_at, then dispute_id) gives its resolution partner (empty → claimant) resolution_share (empty → 1);
--     the other partners' pre-dispute credits are scaled to 1 − share (equal split when they sum to 0); no other
--     partner → the resolution partner gets 1 (D69). The resolution partner joins SP for the reward model only.
--   Assist rows (D23): every partner with an assist touch on O and no row in a model gets credit 0 in that model.
--   role (D24): one value per (opportunity, partner) across models: among the reward model's partners after
--     disputes, primary = highest credit, ties by the primary_share order; the rest 'co'; everyone else 'assist'.
--     Assist rows (credit 0, D23) always say 'assist': a partner that only assisted but was given credit by a
--     resolved dispute is primary/co in the reward model and 'assist' in the reporting models, which keep the touch
--     SP (D29) — so "credit sums to 1 over the primary/co rows" holds in every model.
WITH params AS (
    SELECT reward_model, primary_share, half_life_days FROM cfg_params
),
sp AS (
    SELECT
        s.*,
        count(*) OVER w AS n,
        row_number() OVER (PARTITION BY s.opportunity_id
                           ORDER BY s.first_referral_at NULLS LAST, s.first_click_at NULLS LAST, s.partner_id) AS ps_rank,
        row_number() OVER (PARTITION BY s.opportunity_id ORDER BY s.first_touch_at, s.partner_id) AS first_rank,
        row_number() OVER (PARTITION BY s.opportunity_id ORDER BY s.last_touch_at DESC, s.partner_id) AS last_rank,
        pow(2.0, -(date_diff('microsecond', s.last_touch_at, o.t0) / 86400000000.0) / p.half_life_days) AS decay_weight,
        p.primary_share
    FROM int_sourcing_partners AS s
    JOIN int_opportunities AS o USING (opportunity_id)
    CROSS JOIN params AS p
    WINDOW w AS (PARTITION BY s.opportunity_id)
),
models AS (
    SELECT * FROM (VALUES ('first_touch'), ('last_touch'), ('linear'), ('time_decay'), ('position_based'),
                          ('primary_share')) AS m(model)
),
pre AS (
    SELECT
        sp.opportunity_id,
        sp.partner_id,
        m.model,
        CAST(CASE m.model
            WHEN 'first_touch' THEN CASE WHEN sp.first_rank = 1 THEN 1 ELSE 0 END
            WHEN 'last_touch' THEN CASE WHEN sp.last_rank = 1 THEN 1 ELSE 0 END
            WHEN 'linear' THEN div18(1, sp.n)
            WHEN 'time_decay' THEN CASE WHEN sp.n = 1 THEN 1
                ELSE CAST(sp.decay_weight / sum(sp.decay_weight) OVER (PARTITION BY sp.opportunity_id, m.model) AS DECIMAL(38,18)) END
            WHEN 'position_based' THEN CASE
                WHEN sp.n = 1 THEN 1
                WHEN sp.n = 2 THEN 0.5
                WHEN sp.first_rank = 1 OR sp.first_rank = sp.n THEN 0.4
                ELSE div18(0.2, sp.n - 2) END
            WHEN 'primary_share' THEN CASE
                WHEN sp.n = 1 THEN 1
                WHEN sp.ps_rank = 1 THEN sp.primary_share
                ELSE div18(1 - sp.primary_share, sp.n - 1) END
        END AS DECIMAL(38,18)) AS credit
    FROM sp
    CROSS JOIN models AS m
),
resolution AS (
    -- D29: the latest resolved dispute per existing opportunity
    SELECT
        d.opportunity_id,
        coalesce(d.resolution_partner_id, d.claimant_partner_id) AS partner_id,
        CAST(coalesce(d.resolution_share, 1) AS DECIMAL(38,18)) AS share
    FROM stg_portal__disputes AS d
    JOIN int_opportunities AS o USING (opportunity_id)
    WHERE d.status = 'resolved'
    QUALIFY row_number() OVER (PARTITION BY d.opportunity_id ORDER BY d.resolved_at DESC NULLS LAST, d.dispute_id DESC) = 1
),
reward_pre AS (
    SELECT pre.opportunity_id, pre.partner_id, pre.credit
    FROM pre CROSS JOIN params AS p
    WHERE pre.model = p.reward_model
),
others AS (
    -- D30: SP ∖ {resolution partner}, pre-dispute credits
    SELECT
        r.opportunity_id,
        r.partner_id,
        r.credit,
        x.share,
        sum(r.credit) OVER (PARTITION BY r.opportunity_id) AS others_credit,
        count(*) OVER (PARTITION BY r.opportunity_id) AS others_n
    FROM reward_pre AS r
    JOIN resolution AS x ON x.opportunity_id = r.opportunity_id AND x.partner_id <> r.partner_id
),
reward_post AS (
    SELECT r.opportunity_id, r.partner_id, r.credit
    FROM reward_pre AS r
    ANTI JOIN resolution AS x USING (opportunity_id)
    UNION ALL
    SELECT
        x.opportunity_id,
        x.partner_id,
        CASE WHEN EXISTS (SELECT 1 FROM others AS o WHERE o.opportunity_id = x.opportunity_id) THEN x.share
             ELSE CAST(1 AS DECIMAL(38,18)) END
    FROM resolution AS x
    UNION ALL
    SELECT
        opportunity_id,
        partner_id,
        CASE WHEN others_credit > 0 THEN div18(credit * (1 - share), others_credit)
             ELSE div18(1 - share, others_n) END
    FROM others
),
sourced AS (
    -- per-model rows of sourcing partners: the reward model after disputes, the others as computed
    SELECT pre.opportunity_id, pre.partner_id, pre.model, pre.credit, false AS is_reward_model, false AS is_assist_row
    FROM pre CROSS JOIN params AS p
    WHERE pre.model <> p.reward_model
    UNION ALL
    SELECT r.opportunity_id, r.partner_id, p.reward_model, r.credit, true, false
    FROM reward_post AS r CROSS JOIN params AS p
),
assisting AS (
    SELECT DISTINCT opportunity_id, partner_id
    FROM int_touch_opportunities
    WHERE role = 'assist'
),
assist_rows AS (
    SELECT a.opportunity_id, a.partner_id, m.model, CAST(0 AS DECIMAL(38,18)) AS credit, m.model = p.reward_model AS is_reward_model,
           true AS is_assist_row
    FROM assisting AS a
    CROSS JOIN models AS m
    CROSS JOIN params AS p
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
    FROM reward_post AS r
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
    a.is_reward_model
FROM all_rows AS a
LEFT JOIN roles AS r USING (opportunity_id, partner_id)

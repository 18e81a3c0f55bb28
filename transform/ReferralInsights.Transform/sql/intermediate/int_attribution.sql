-- §5 attribution: one row per (opportunity, partner, model), for the seven models first_touch, last_touch, linear,
-- time_decay, position_based, primary_share and shapley, each with the rule that decided its credit (decision).
-- Credits are DECIMAL(38,18), quotients rounded half away from zero at 18 decimals (div18).
--   Reporting models run over the touch SP (D29). Ties always by partner_id, ordinal, lowest wins (D25).
--     first_touch: earliest first sourcing touch gets 1. last_touch: latest last sourcing touch gets 1.
--     linear: 1/|SP|. time_decay (D26): weight 2^(−age/half_life_days), age = fractional days from the partner's
--     last sourcing touch to t0 (negative inside the grace day), normalized. position_based: 1 → 1; 2 → 0.5 each;
--     ≥3 → 0.4 first and 0.4 last by first touch, 0.2 split equally among the middle.
--     primary_share: primary = earliest sourcing referral touch, else earliest sourcing click touch, then partner_id
--     (D24/D25 order); primary gets attribution.primary_share, the others split the rest equally; 1 partner → 1.
--     shapley: int_shapley_credits (exact Shapley values for ≤ 10 partners, else linear; D27, D28).
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
--   decision: the rule and the numbers that gave this row its credit, in words (explain prints it).
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
    CROSS JOIN params AS p
    WINDOW w AS (PARTITION BY s.opportunity_id)
),
models AS (
    SELECT model FROM cfg_attribution_models
),
modelled AS (
    SELECT
        sp.*,
        m.model,
        sh.shapley_value,
        sh.credit AS shapley_credit,
        sh.method AS shapley_method,
        sh.coalitions,
        sh.observed_coalitions,
        CASE WHEN sp.n > 1 AND m.model = 'time_decay'
             THEN sp.decay_weight / sum(sp.decay_weight) OVER (PARTITION BY sp.opportunity_id, m.model) END AS decay_share
    FROM sp
    -- on the keys alone, so the join is a hash join: the Shapley columns are read only in the shapley model's rows
    -- (a model test in this ON clause made DuckDB plan a nested-loop join, quadratic in the number of touches)
    LEFT JOIN int_shapley_credits AS sh ON sh.opportunity_id = sp.opportunity_id AND sh.partner_id = sp.partner_id
    CROSS JOIN models AS m
),
pre AS (
    SELECT
        opportunity_id,
        partner_id,
        model,
        CAST(CASE
            WHEN n = 1 THEN 1
            WHEN model = 'first_touch' THEN CASE WHEN first_rank = 1 THEN 1 ELSE 0 END
            WHEN model = 'last_touch' THEN CASE WHEN last_rank = 1 THEN 1 ELSE 0 END
            WHEN model = 'linear' THEN div18(1, n)
            WHEN model = 'time_decay' THEN CAST(decay_share AS DECIMAL(38,18))
            WHEN model = 'position_based' THEN CASE
                WHEN n = 2 THEN 0.5
                WHEN first_rank = 1 OR first_rank = n THEN 0.4
                ELSE div18(0.2, n - 2) END
            WHEN model = 'primary_share' THEN CASE
                WHEN ps_rank = 1 THEN primary_share
                ELSE div18(1 - primary_share, n - 1) END
            WHEN model = 'shapley' THEN shapley_credit
        END AS DECIMAL(38,18)) AS credit,
        CASE
            WHEN n = 1 THEN 'only sourcing partner'
            WHEN model = 'first_touch' THEN
                CASE WHEN first_rank = 1 THEN 'earliest first sourcing touch ' ELSE 'not the earliest first sourcing touch: ' END
                || ts_text(first_touch_at) || CASE WHEN first_tied THEN ' (tie broken by partner_id)' ELSE '' END
            WHEN model = 'last_touch' THEN
                CASE WHEN last_rank = 1 THEN 'latest last sourcing touch ' ELSE 'not the latest last sourcing touch: ' END
                || ts_text(last_touch_at) || CASE WHEN last_tied THEN ' (tie broken by partner_id)' ELSE '' END
            WHEN model = 'linear' THEN 'equal share of ' || n || ' sourcing partners'
            WHEN model = 'time_decay' THEN
                'weight 2^(-' || printf('%.2f', decay_age_days) || ' d / ' || num_text(half_life_days) || ' d) = '
                || printf('%.4f', decay_weight) || ' since the last sourcing touch ' || ts_text(last_touch_at)
                || ', normalised over ' || n || ' sourcing partners'
            WHEN model = 'position_based' THEN CASE
                WHEN n = 2 THEN 'one of two sourcing partners: 0.5'
                WHEN first_rank = 1 THEN 'first by first touch (' || ts_text(first_touch_at) || '): 0.4'
                WHEN first_rank = n THEN 'last by first touch (' || ts_text(first_touch_at) || '): 0.4'
                ELSE 'middle by first touch (' || ts_text(first_touch_at) || '): 0.2 split among ' || (n - 2) END
            WHEN model = 'primary_share' THEN CASE
                WHEN ps_rank = 1 THEN
                    CASE WHEN first_referral_at IS NOT NULL
                            THEN 'earliest sourcing referral touch ' || ts_text(first_referral_at) || ' (referral ' || first_referral_id || ')'
                            ELSE 'no sourcing referral touch; earliest sourcing click touch ' || ts_text(first_click_at)
                                 || ' (click ' || first_click_id || ')' END
                    || CASE WHEN ps_tied THEN ', tie broken by partner_id' ELSE '' END
                    || ': ' || num_text(primary_share)
                ELSE num_text(1 - primary_share) || ' split among ' || (n - 1)
                    || CASE WHEN n = 2 THEN ' other' ELSE ' others' END END
            WHEN model = 'shapley' THEN CASE shapley_method
                WHEN 'linear_over_10' THEN 'linear: ' || n || ' sourcing partners, more than 10'
                WHEN 'linear_no_positive_value' THEN 'linear: no positive Shapley value (φ = ' || printf('%.6f', shapley_value) || ')'
                ELSE 'Shapley value φ = ' || printf('%.6f', shapley_value)
                    || CASE WHEN shapley_value < 0 THEN ' clipped to 0' ELSE '' END
                    || ', normalised over ' || n || ' sourcing partners; v(S) observed for ' || observed_coalitions || ' of '
                    || coalitions || ' coalitions, shrunk solo rates otherwise' END
        END AS decision
    FROM modelled
),
resolution AS (
    -- D29: the latest resolved dispute per existing opportunity
    SELECT
        d.opportunity_id,
        d.dispute_id,
        d.resolved_at,
        coalesce(d.resolution_partner_id, d.claimant_partner_id) AS partner_id,
        CAST(coalesce(d.resolution_share, 1) AS DECIMAL(38,18)) AS share
    FROM stg_portal__disputes AS d
    JOIN int_opportunities AS o USING (opportunity_id)
    WHERE d.status = 'resolved'
    QUALIFY row_number() OVER (PARTITION BY d.opportunity_id ORDER BY d.resolved_at DESC NULLS LAST, d.dispute_id DESC) = 1
),
reward_pre AS (
    SELECT pre.opportunity_id, pre.partner_id, pre.credit, pre.decision
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
        x.dispute_id,
        sum(r.credit) OVER (PARTITION BY r.opportunity_id) AS others_credit,
        count(*) OVER (PARTITION BY r.opportunity_id) AS others_n
    FROM reward_pre AS r
    JOIN resolution AS x ON x.opportunity_id = r.opportunity_id AND x.partner_id <> r.partner_id
),
reward_post AS (
    SELECT r.opportunity_id, r.partner_id, r.credit, r.decision
    FROM reward_pre AS r
    ANTI JOIN resolution AS x USING (opportunity_id)
    UNION ALL
    SELECT
        x.opportunity_id,
        x.partner_id,
        CASE WHEN has_others THEN x.share ELSE CAST(1 AS DECIMAL(38,18)) END,
        'dispute ' || x.dispute_id || ' resolved ' || ts_text(x.resolved_at) || ': resolution share ' || num_text(x.share)
        || CASE WHEN has_others THEN '' ELSE ', no other sourcing partner: 1' END
    FROM (SELECT x.*, EXISTS (SELECT 1 FROM others AS o WHERE o.opportunity_id = x.opportunity_id) AS has_others
          FROM resolution AS x) AS x
    UNION ALL
    SELECT
        opportunity_id,
        partner_id,
        CASE WHEN others_credit > 0 THEN div18(credit * (1 - share), others_credit)
             ELSE div18(1 - share, others_n) END,
        CASE WHEN others_credit > 0
             THEN 'pre-dispute credit ' || num_text(credit) || ' scaled to fill 1 - ' || num_text(share)
             ELSE 'pre-dispute credits all 0: equal split of 1 - ' || num_text(share) END
        || ' after dispute ' || dispute_id
    FROM others
),
sourced AS (
    -- per-model rows of sourcing partners: the reward model after disputes, the others as computed
    SELECT pre.opportunity_id, pre.partner_id, pre.model, pre.credit, pre.decision, false AS is_reward_model, false AS is_assist_row
    FROM pre CROSS JOIN params AS p
    WHERE pre.model <> p.reward_model
    UNION ALL
    SELECT r.opportunity_id, r.partner_id, p.reward_model, r.credit, r.decision, true, false
    FROM reward_post AS r CROSS JOIN params AS p
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
    a.is_reward_model,
    a.decision
FROM all_rows AS a
LEFT JOIN roles AS r USING (opportunity_id, partner_id)

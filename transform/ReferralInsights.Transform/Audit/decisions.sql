-- The decisions a run records in the audit log, one row per entity (entity, entity_id, decision, inputs as JSON text).
-- Run on the built warehouse after the marts. inputs holds text values only (money, rates and credits as printed by
-- DuckDB, instants as ISO-8601 UTC), so a rerun on the same data gives the same inputs.
--   reward       every fct_rewards row. decision: "<status> <amount>", plus " (<reason>)" when there is one.
--                inputs: the reward's other columns (type, partner, referral, opportunity, tier, basis, rate, earned_at,
--                amount before the caps, covering flags) and, when withheld for it, why the partner was ineligible.
--   attribution  every opportunity with reward-model sourcing credit (class direct or co_referral). decision:
--                "<class>: <partner> <credit> <role>, …" by partner_id; inputs: the reward model and its share, each
--                sourcing partner's first referral and click touch, and the opportunity's disputes.
--   review       every review flag with a standing decision (compliance.review_decisions). decision: "<cleared|upheld>
--                by <who> at <when>"; inputs: the flag's rule, partner and evidence, the reason given, and what the
--                clearing released. A reward it released says so in its own inputs (cleared_flag_ids).
WITH rewards AS (
    SELECT
        'reward' AS entity,
        r.reward_id AS entity_id,
        r.status || ' ' || CAST(r.amount AS VARCHAR) || coalesce(' (' || r.reason || ')', '') AS decision,
        CAST(json_merge_patch(json_object(
            'type', r.type,
            'partner_id', r.partner_id,
            'referral_id', r.referral_id,
            'opportunity_id', r.opportunity_id,
            'tier', r.tier,
            'basis_amount', CAST(r.basis_amount AS VARCHAR),
            'rate', CAST(r.rate AS VARCHAR),
            'earned_at', strftime(r.earned_at, '%Y-%m-%dT%H:%M:%SZ'),
            'uncapped_amount', CAST(r.uncapped_amount AS VARCHAR),
            'flag_ids', array_to_string(r.flag_ids, ' '),
            'ineligibility', c.ineligibility),
            -- only when a clearing released it, so the inputs of every other reward stay as they were logged
            CASE WHEN len(r.cleared_flag_ids) > 0 THEN json_object('cleared_flag_ids', array_to_string(r.cleared_flag_ids, ' ')) ELSE json_object() END
        ) AS VARCHAR) AS inputs
    FROM fct_rewards AS r
    JOIN int_reward_candidates AS c USING (reward_id)
),
splits AS (
    SELECT
        a.opportunity_id,
        a.partner_id,
        rtrim(rtrim(CAST(a.credit AS VARCHAR), '0'), '.') AS credit_text,
        a.role,
        coalesce('referral ' || s.first_referral_id || ' ' || strftime(s.first_referral_at, '%Y-%m-%dT%H:%M:%SZ'), 'no referral')
        || ', ' || coalesce('click ' || strftime(s.first_click_at, '%Y-%m-%dT%H:%M:%SZ'), 'no click') AS touches
    FROM int_attribution AS a
    LEFT JOIN int_sourcing_partners AS s USING (opportunity_id, partner_id)
    WHERE a.is_reward_model AND a.role <> 'assist'
),
disputes AS (
    SELECT
        opportunity_id,
        string_agg(dispute_id || ' ' || status
                   || coalesce(' ' || strftime(resolved_at, '%Y-%m-%dT%H:%M:%SZ'), '')
                   || CASE WHEN status = 'resolved'
                           THEN ': ' || coalesce(resolution_partner_id, claimant_partner_id) || ' share '
                                || coalesce(CAST(resolution_share AS VARCHAR), '1')
                           ELSE '' END,
                   '; ' ORDER BY dispute_id) AS disputes
    FROM stg_portal__disputes
    GROUP BY opportunity_id
),
attributions AS (
    SELECT
        'attribution' AS entity,
        s.opportunity_id AS entity_id,
        any_value(o.attribution_class) || ': '
        || string_agg(s.partner_id || ' ' || s.credit_text || ' ' || s.role, ', ' ORDER BY s.partner_id) AS decision,
        CAST(json_object(
            'model', any_value(p.reward_model),
            'primary_share', CAST(any_value(p.primary_share) AS VARCHAR),
            'sourcing_touches', string_agg(s.partner_id || ': ' || s.touches, '; ' ORDER BY s.partner_id),
            'disputes', any_value(d.disputes)) AS VARCHAR) AS inputs
    FROM splits AS s
    JOIN int_opportunity_attribution AS o USING (opportunity_id)
    LEFT JOIN disputes AS d USING (opportunity_id)
    CROSS JOIN cfg_params AS p
    GROUP BY s.opportunity_id
),
reviews AS (
    SELECT
        'review' AS entity,
        f.flag_id AS entity_id,
        f.review_status || ' by ' || f.decided_by || ' at ' || strftime(f.decided_at, '%Y-%m-%dT%H:%M:%SZ') AS decision,
        CAST(json_object(
            'rule', f.rule,
            'partner_id', f.partner_id,
            'detail', f.detail,
            'why', f.decision_note,
            'released_rewards', CAST(f.released_rewards AS VARCHAR),
            'released_amount', CAST(f.released_amount AS VARCHAR)) AS VARCHAR) AS inputs
    FROM fct_compliance_flags AS f
    WHERE f.review_status IN ('cleared', 'upheld')
)
SELECT * FROM rewards
UNION ALL
SELECT * FROM attributions
UNION ALL
SELECT * FROM reviews

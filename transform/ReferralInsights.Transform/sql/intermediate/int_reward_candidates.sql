-- §7 every reward a partner earns, with what decides its status before the annual cap (int_reward_annual_caps).
-- Known partners only (D18); amounts rounded half away from zero to cents when created (D10); a computed amount of 0 is
-- not emitted (D46). Terms: the partner's tier at earned_at (int_partner_tiers, D42/D43).
--   upfront    upfront:<referral_id>: an accepted referral (D44: accepted, or empty status and matched; non-duplicate)
--              earns upfront_bonus at decided_at, else submitted_at. Quality gate: a score below
--              rewards.quality_gate.min_lead_score earns nothing; with min 0 a missing score passes (D44); with min > 0
--              a missing score is withheld with reason quality_gate (undecided until the referral is scored).
--   milestone  milestone:<referral_id>: a qualified referral earns qualified_bonus at qualified_at (D70: any status).
--   commission commission:<opportunity_id>:<partner_id>: a won opportunity with amount_usd > 0 pays each partner with
--              reward-model credit > 0 after disputes basis = amount_usd × credit at commission_rate, at closed_at
--              (D47); per-deal cap (D48): the exact product above rewards.caps.per_deal is cut to the cap before
--              rounding (is_per_deal_capped). referral_id: the partner's earliest sourcing referral on the opportunity,
--              else (credited only by a dispute) the referral of its latest resolved dispute there (D45).
--   assist     assist:<opportunity_id>:<partner_id>: a won `assisted` opportunity pays each assisting partner
--              rewards.assist_bonus at closed_at; no referral_id (D45).
--   clawback   clawback:<opportunity_id>:<partner_id>: a commission not withheld here whose opportunity was refunded
--              0 ≤ refunded_at − closed_at ≤ clawback_days (D3) reverses it at refunded_at: amount = −(commission after
--              the per-deal cap), with the commission's tier, basis and rate; always payable, reason refund (D50). The
--              annual cap pass sets its final amount (−the commission's final amount) or drops it (commission withheld).
-- Withholding (§7, D52-D54), at earned_at; never for clawbacks:
--   ineligible_partner  the partner's status is not active and (status_since is empty or ≤ earned_at) (D53), or the
--                       code of conduct / data-privacy terms are unsigned or signed after earned_at (ineligibility
--                       says which);
--   quality_gate        above;
--   disputed            the reward's opportunity has a dispute open at as_of (D31);
--   self_referral, restricted_industry, late_claim
--                       a block/review flag of int_compliance_flags covers the reward (D54): same partner and, when the
--                       flag has an opportunity_id, the same opportunity, else the same referral_id (flag_ids lists them),
--                       unless the flag is a review flag that a program owner cleared (int_review_decisions): it then
--                       withholds nothing and cleared_flag_ids lists it.
-- reason (D52): rule names joined by ';' in the order per_deal_cap, ineligible_partner, quality_gate, disputed,
-- self_referral, restricted_industry, late_claim (annual_cap is appended by fct_rewards).
WITH p AS (
    SELECT assist_bonus, clawback_days, per_deal_cap, min_lead_score FROM cfg_params
),
dispute_referrals AS (
    -- D45: the referral named by a partner's latest resolved dispute on an opportunity
    SELECT opportunity_id, coalesce(resolution_partner_id, claimant_partner_id) AS partner_id, referral_id
    FROM stg_portal__disputes
    WHERE status = 'resolved'
    QUALIFY row_number() OVER (PARTITION BY opportunity_id, coalesce(resolution_partner_id, claimant_partner_id)
                               ORDER BY resolved_at DESC NULLS LAST, dispute_id DESC) = 1
),
earnings AS (
    SELECT
        'upfront:' || r.referral_id AS reward_id, r.partner_id, 'upfront' AS type, r.referral_id,
        CAST(NULL AS VARCHAR) AS opportunity_id, coalesce(r.decided_at, r.submitted_at) AS earned_at,
        CAST(NULL AS DECIMAL(38,20)) AS basis_exact,
        s.score IS NULL AND p.min_lead_score > 0 AS quality_gate_pending
    FROM int_referrals AS r
    JOIN int_lead_scores AS s USING (referral_id)
    CROSS JOIN p
    WHERE r.is_accepted AND r.is_known_partner AND (s.score >= p.min_lead_score OR s.score IS NULL)
    UNION ALL
    SELECT 'milestone:' || referral_id, partner_id, 'milestone', referral_id, NULL, qualified_at, NULL, false
    FROM int_referral_funnel
    WHERE qualified_at IS NOT NULL AND is_known_partner
    UNION ALL
    SELECT
        'commission:' || a.opportunity_id || ':' || a.partner_id, a.partner_id, 'commission',
        coalesce(s.first_referral_id, d.referral_id), a.opportunity_id, o.closed_at,
        CAST(o.amount_usd AS DECIMAL(18,2)) * CAST(a.credit AS DECIMAL(38,18)), false
    FROM int_attribution AS a
    JOIN int_opportunities AS o USING (opportunity_id)
    LEFT JOIN int_sourcing_partners AS s USING (opportunity_id, partner_id)
    LEFT JOIN dispute_referrals AS d USING (opportunity_id, partner_id)
    WHERE a.is_reward_model AND a.role <> 'assist' AND a.credit > 0 AND o.status = 'won' AND o.amount_usd > 0
    UNION ALL
    SELECT 'assist:' || a.opportunity_id || ':' || a.partner_id, a.partner_id, 'assist', NULL, a.opportunity_id, o.closed_at,
           NULL, false
    FROM int_attribution AS a
    JOIN int_opportunities AS o USING (opportunity_id)
    JOIN int_opportunity_attribution AS c USING (opportunity_id)
    WHERE a.is_reward_model AND a.role = 'assist' AND o.status = 'won' AND c.attribution_class = 'assisted'
),
priced AS (
    SELECT
        e.*,
        t.tier,
        CASE WHEN e.type = 'commission' THEN t.commission_rate END AS rate,
        CASE e.type
            WHEN 'upfront' THEN CAST(t.upfront_bonus AS DECIMAL(38,26))
            WHEN 'milestone' THEN CAST(t.qualified_bonus AS DECIMAL(38,26))
            WHEN 'assist' THEN CAST(p.assist_bonus AS DECIMAL(38,26))
            WHEN 'commission' THEN CAST(e.basis_exact * t.commission_rate AS DECIMAL(38,26))   -- exact: 2 + 18 + 6 decimals
        END AS amount_exact,
        p.per_deal_cap
    FROM earnings AS e
    JOIN stg_portal__partners AS pt USING (partner_id)
    JOIN int_partner_tiers AS t
        ON t.partner_id = e.partner_id
       AND (t.valid_from IS NULL OR t.valid_from <= CAST(e.earned_at AS DATE))
       AND (t.valid_to IS NULL OR CAST(e.earned_at AS DATE) < t.valid_to)
    CROSS JOIN p
),
capped AS (
    SELECT
        *,
        coalesce(type = 'commission' AND amount_exact > per_deal_cap, false) AS is_per_deal_capped,
        cents(amount_exact) AS uncapped_amount,
        cents(CASE WHEN type = 'commission' AND amount_exact > per_deal_cap THEN per_deal_cap ELSE amount_exact END) AS amount
    FROM priced
    WHERE cents(amount_exact) <> 0
),
eligibility AS (
    SELECT
        c.reward_id,
        nullif(concat_ws('; ',
            CASE WHEN pt.status <> 'active' AND (pt.status_since IS NULL OR pt.status_since <= c.earned_at)
                 THEN 'status ' || pt.status || coalesce(' since ' || day_text(pt.status_since), '') END,
            CASE WHEN pt.code_of_conduct_signed_at IS NULL THEN 'code of conduct not signed'
                 WHEN pt.code_of_conduct_signed_at > c.earned_at
                 THEN 'code of conduct signed only on ' || day_text(pt.code_of_conduct_signed_at) END,
            CASE WHEN pt.data_privacy_signed_at IS NULL THEN 'data-privacy terms not signed'
                 WHEN pt.data_privacy_signed_at > c.earned_at
                 THEN 'data-privacy terms signed only on ' || day_text(pt.data_privacy_signed_at) END), '') AS ineligibility
    FROM capped AS c
    JOIN stg_portal__partners AS pt USING (partner_id)
),
withholding_flags AS (
    -- is_cleared: a review flag whose standing decision (int_review_decisions) cleared it withholds nothing
    SELECT f.flag_id, f.rule, f.partner_id, f.referral_id, f.opportunity_id, coalesce(d.applies AND d.decision = 'cleared', false) AS is_cleared
    FROM int_compliance_flags AS f
    LEFT JOIN int_review_decisions AS d USING (flag_id)
    WHERE f.severity IN ('block', 'review')
),
covering AS (
    -- D54: a flag with an opportunity covers the partner's rewards on it; one without, the partner's rewards of its referral
    SELECT c.reward_id, f.flag_id, f.rule, f.is_cleared
    FROM capped AS c
    JOIN withholding_flags AS f ON f.partner_id = c.partner_id AND f.opportunity_id = c.opportunity_id
    UNION ALL
    SELECT c.reward_id, f.flag_id, f.rule, f.is_cleared
    FROM capped AS c
    JOIN withholding_flags AS f ON f.partner_id = c.partner_id AND f.referral_id = c.referral_id
    WHERE f.opportunity_id IS NULL
),
covering_flags AS (
    SELECT
        reward_id,
        coalesce(list(flag_id ORDER BY flag_id) FILTER (WHERE NOT is_cleared), CAST([] AS VARCHAR[])) AS flag_ids,
        coalesce(list(flag_id ORDER BY flag_id) FILTER (WHERE is_cleared), CAST([] AS VARCHAR[])) AS cleared_flag_ids,
        coalesce(bool_or(rule = 'self_referral' AND NOT is_cleared), false) AS self_referral,
        coalesce(bool_or(rule = 'restricted_industry' AND NOT is_cleared), false) AS restricted_industry,
        coalesce(bool_or(rule = 'late_claim' AND NOT is_cleared), false) AS late_claim
    FROM covering
    GROUP BY reward_id
),
decided AS (
    SELECT
        c.*,
        e.ineligibility,
        coalesce(f.flag_ids, CAST([] AS VARCHAR[])) AS flag_ids,
        coalesce(f.cleared_flag_ids, CAST([] AS VARCHAR[])) AS cleared_flag_ids,
        nullif(concat_ws(';',
            CASE WHEN e.ineligibility IS NOT NULL THEN 'ineligible_partner' END,
            CASE WHEN c.quality_gate_pending THEN 'quality_gate' END,
            CASE WHEN oa.disputed THEN 'disputed' END,
            CASE WHEN f.self_referral THEN 'self_referral' END,
            CASE WHEN f.restricted_industry THEN 'restricted_industry' END,
            CASE WHEN f.late_claim THEN 'late_claim' END), '') AS withholding
    FROM capped AS c
    JOIN eligibility AS e USING (reward_id)
    LEFT JOIN covering_flags AS f USING (reward_id)
    LEFT JOIN int_opportunity_attribution AS oa USING (opportunity_id)
),
clawbacks AS (
    SELECT
        'clawback:' || d.opportunity_id || ':' || d.partner_id AS reward_id, d.partner_id, 'clawback' AS type, d.referral_id,
        d.opportunity_id, o.refunded_at AS earned_at, d.tier, d.basis_exact, d.rate, -d.amount AS uncapped_amount,
        -d.amount AS amount, d.reward_id AS commission_reward_id
    FROM decided AS d
    JOIN int_opportunities AS o USING (opportunity_id)
    CROSS JOIN p
    WHERE d.type = 'commission' AND d.withholding IS NULL
      AND o.refunded_at >= o.closed_at AND o.refunded_at <= o.closed_at + to_days(p.clawback_days)
)
SELECT
    reward_id, partner_id, type, referral_id, opportunity_id, tier, cents(basis_exact) AS basis_amount, rate,
    uncapped_amount, amount, earned_at, is_per_deal_capped, withholding, ineligibility, flag_ids, cleared_flag_ids,
    CAST(NULL AS VARCHAR) AS commission_reward_id
FROM decided
UNION ALL
SELECT
    reward_id, partner_id, type, referral_id, opportunity_id, tier, cents(basis_exact), rate,
    uncapped_amount, amount, earned_at, false, NULL, NULL, CAST([] AS VARCHAR[]), CAST([] AS VARCHAR[]), commission_reward_id
FROM clawbacks

-- D54: the compliance flags that cover each reward of int_reward_terms — flags of a rule that withholds what it covers
-- (seed_compliance_rules.covers_rewards: self_referral, restricted_industry, late_claim), of the same partner and, when
-- the flag has an opportunity_id, on the same opportunity, else on the same referral. A review flag that a program
-- owner cleared (int_review_decisions) withholds nothing: cleared_flag_ids lists it, flag_ids the others. One row per
-- covered reward; the rule columns say which rules still withhold it.
WITH withholding_flags AS (
    SELECT f.flag_id, f.rule, f.partner_id, f.referral_id, f.opportunity_id, coalesce(d.applies AND d.decision = 'cleared', false) AS is_cleared
    FROM int_compliance_flags AS f
    LEFT JOIN int_review_decisions AS d USING (flag_id)
    WHERE f.covers_rewards
),
covering AS (
    SELECT c.reward_id, f.flag_id, f.rule, f.is_cleared
    FROM int_reward_terms AS c
    JOIN withholding_flags AS f ON f.partner_id = c.partner_id AND f.opportunity_id = c.opportunity_id
    UNION ALL
    SELECT c.reward_id, f.flag_id, f.rule, f.is_cleared
    FROM int_reward_terms AS c
    JOIN withholding_flags AS f ON f.partner_id = c.partner_id AND f.referral_id = c.referral_id
    WHERE f.opportunity_id IS NULL
)
SELECT
    reward_id,
    coalesce(list(flag_id ORDER BY flag_id) FILTER (WHERE NOT is_cleared), CAST([] AS VARCHAR[])) AS flag_ids,
    coalesce(list(flag_id ORDER BY flag_id) FILTER (WHERE is_cleared), CAST([] AS VARCHAR[])) AS cleared_flag_ids,
    coalesce(bool_or(rule = 'self_referral' AND NOT is_cleared), false) AS self_referral,
    coalesce(bool_or(rule = 'restricted_industry' AND NOT is_cleared), false) AS restricted_industry,
    coalesce(bool_or(rule = 'late_claim' AND NOT is_cleared), false) AS late_claim
FROM covering
GROUP BY reward_id

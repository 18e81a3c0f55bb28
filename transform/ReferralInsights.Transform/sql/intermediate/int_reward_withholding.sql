-- §7 withholding (D52-D54) of every reward of int_reward_terms, at earned_at, before the annual cap: withholding
-- names the rules that withhold it, joined by ';' in the order ineligible_partner (int_reward_eligibility),
-- quality_gate (int_earn__upfront), disputed (the reward's opportunity has a dispute open at as_of, D31),
-- self_referral, restricted_industry, late_claim (the flags covering it, int_reward_flag_cover); NULL: none.
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
FROM int_reward_terms AS c
JOIN int_reward_eligibility AS e USING (reward_id)
LEFT JOIN int_reward_flag_cover AS f USING (reward_id)
LEFT JOIN int_opportunity_attribution AS oa USING (opportunity_id)

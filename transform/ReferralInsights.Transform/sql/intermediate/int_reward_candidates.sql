-- §7 every reward a partner earns, with what decides its status before the annual cap (int_reward_annual_caps): the
-- rewards of the earning rules with their terms (int_reward_terms) and withholding (int_reward_withholding), and the
-- clawbacks of the commissions they reverse (int_earn__clawback). reason (D52), built by int_rewards: per_deal_cap,
-- then withholding, then annual_cap.
SELECT
    reward_id, partner_id, type, referral_id, opportunity_id, tier, cents(basis_exact) AS basis_amount, rate,
    uncapped_amount, amount, earned_at, is_per_deal_capped, withholding, ineligibility, flag_ids, cleared_flag_ids,
    CAST(NULL AS VARCHAR) AS commission_reward_id
FROM int_reward_withholding
UNION ALL
SELECT
    reward_id, partner_id, type, referral_id, opportunity_id, tier, cents(basis_exact), rate,
    uncapped_amount, amount, earned_at, false, NULL, NULL, CAST([] AS VARCHAR[]), CAST([] AS VARCHAR[]), commission_reward_id
FROM int_earn__clawback

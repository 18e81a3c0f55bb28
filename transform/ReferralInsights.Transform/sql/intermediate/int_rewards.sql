-- One row per reward (§7; published as fct_rewards), from int_reward_candidates after the annual cap (int_reward_annual_caps).
--   status (D52: withheld beats capped):
--     withheld  a withholding reason (ineligible_partner, quality_gate, disputed, self_referral, restricted_industry,
--               late_claim), or the annual cap was already reached (annual_cap); the amount is kept, never payable;
--     capped    cut by the per-deal cap (D48) and/or cut to fill the annual cap exactly (annual_cap): amount = the cut;
--     payable   otherwise; clawbacks are always payable with reason refund (D50).
--   reason: rule names joined by ';' in D52 order (per_deal_cap first, annual_cap last); NULL for a plain payable reward.
--   uncapped_amount: what the terms give before either cap; annual_total: the partner's payable + capped total of the
--   calendar year after this reward (NULL when withheld before the cap). flag_ids: the block/review compliance flags
--   that cover the reward (D54).
-- A clawback whose commission ended withheld does not exist (D50).
SELECT
    c.reward_id,
    c.partner_id,
    c.type,
    c.referral_id,
    c.opportunity_id,
    c.tier,
    c.basis_amount,
    c.rate,
    CASE WHEN k.counted_amount = 0 THEN c.amount ELSE coalesce(k.counted_amount, c.amount) END AS amount,
    c.earned_at,
    CASE
        WHEN c.type = 'clawback' THEN 'payable'
        WHEN c.withholding IS NOT NULL OR k.counted_amount = 0 THEN 'withheld'
        WHEN c.is_per_deal_capped OR k.counted_amount < c.amount THEN 'capped'
        ELSE 'payable'
    END AS status,
    CASE
        WHEN c.type = 'clawback' THEN 'refund'
        ELSE nullif(concat_ws(';',
            CASE WHEN c.is_per_deal_capped THEN 'per_deal_cap' END,
            c.withholding,
            CASE WHEN k.counted_amount < c.amount THEN 'annual_cap' END), '')
    END AS reason,
    c.uncapped_amount,
    k.year_total AS annual_total,
    c.flag_ids,
    c.cleared_flag_ids
FROM int_reward_candidates AS c
LEFT JOIN int_reward_annual_caps AS k USING (reward_id)
WHERE NOT (c.type = 'clawback' AND k.counted_amount = 0)

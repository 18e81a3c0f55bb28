-- Reward rule clawback (§7, D3, D50): a commission not withheld (int_reward_withholding) whose opportunity was refunded
-- 0 ≤ refunded_at − closed_at ≤ rewards.clawback_days reverses it at refunded_at: amount = −(the commission after the
-- per-deal cap), with the commission's tier, basis and rate; never withheld. reward_id clawback:<opportunity_id>:<partner_id>.
-- The annual cap pass sets its final amount (−the commission's final amount) or drops it (commission withheld).
SELECT
    'clawback:' || d.opportunity_id || ':' || d.partner_id AS reward_id, d.partner_id, 'clawback' AS type, d.referral_id,
    d.opportunity_id, o.refunded_at AS earned_at, d.tier, d.basis_exact, d.rate, -d.amount AS uncapped_amount,
    -d.amount AS amount, d.reward_id AS commission_reward_id
FROM int_reward_withholding AS d
JOIN int_opportunities AS o USING (opportunity_id)
CROSS JOIN cfg_params AS p
WHERE d.type = 'commission' AND d.withholding IS NULL
  AND o.refunded_at >= o.closed_at AND o.refunded_at <= o.closed_at + to_days(p.clawback_days)

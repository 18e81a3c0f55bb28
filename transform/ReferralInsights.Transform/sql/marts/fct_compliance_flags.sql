-- Mart: one row per compliance flag (§8): the input rules of int_compliance_flags, plus ineligible_partner (block,
-- D57): one per reward withheld because the partner was not active or had not signed both terms when it was earned
-- (flag_id ineligible_partner:<reward_id>). severity block/review flags withhold the rewards they cover (D54), except
-- ineligible_partner, whose rewards are withheld by the rule itself; info flags withhold nothing.
SELECT flag_id, rule, severity, partner_id, referral_id, opportunity_id, detail
FROM int_compliance_flags
UNION ALL
SELECT
    'ineligible_partner:' || r.reward_id,
    'ineligible_partner',
    'block',
    r.partner_id,
    r.referral_id,
    r.opportunity_id,
    'reward ' || r.reward_id || ' earned ' || instant_text(r.earned_at) || ' while partner ' || r.partner_id || ' was ineligible: '
    || c.ineligibility
FROM fct_rewards AS r
JOIN int_reward_candidates AS c USING (reward_id)
WHERE c.ineligibility IS NOT NULL AND r.type <> 'clawback'

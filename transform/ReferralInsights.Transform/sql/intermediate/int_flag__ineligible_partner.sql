-- Compliance rule ineligible_partner (block, D57): one flag per reward earned while the partner was ineligible
-- (int_reward_eligibility), raised when it was earned. flag_id ineligible_partner:<reward_id>. Its reward is withheld
-- by the rule itself, not by the flag covering it (seed_compliance_rules.covers_rewards). Computed from the rewards'
-- terms, before any withholding, so the flags do not wait for the rewards they decide.
SELECT
    'ineligible_partner:' || t.reward_id AS flag_id,
    t.partner_id,
    t.referral_id,
    t.opportunity_id,
    t.earned_at AS raised_at,
    'reward ' || t.reward_id || ' earned ' || instant_text(t.earned_at) || ' while partner ' || t.partner_id || ' was ineligible: '
    || e.ineligibility AS detail
FROM int_reward_terms AS t
JOIN int_reward_eligibility AS e USING (reward_id)
WHERE e.ineligibility IS NOT NULL

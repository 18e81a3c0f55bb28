-- §8 every compliance flag: each rule raises its flags in its own model (int_flag__<rule>); seed_compliance_rules
-- gives its severity and whether it withholds the rewards it covers. Known partners only (D18). Each flag carries its
-- evidence in detail.
WITH flags AS (
    SELECT 'self_referral' AS rule, * FROM int_flag__self_referral
    UNION ALL SELECT 'restricted_industry', * FROM int_flag__restricted_industry
    UNION ALL SELECT 'late_claim', * FROM int_flag__late_claim
    UNION ALL SELECT 'click_burst', * FROM int_flag__click_burst
    UNION ALL SELECT 'duplicate_submission', * FROM int_flag__duplicate_submission
    UNION ALL SELECT 'ineligible_partner', * FROM int_flag__ineligible_partner
)
SELECT f.flag_id, f.rule, s.severity, s.covers_rewards, f.partner_id, f.referral_id, f.opportunity_id, f.raised_at, f.detail
FROM flags AS f
JOIN seed_compliance_rules AS s USING (rule)

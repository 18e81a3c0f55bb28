-- Seed: every compliance rule of rules.md §8, its severity and whether its flags withhold the rewards they cover (D54:
-- block and review flags do, except ineligible_partner, whose rewards the rule withholds itself), with what one flag of
-- it means. Each rule raises its flags in its own model, int_flag__<rule>; int_compliance_flags gathers them.
SELECT * FROM (VALUES
    ('self_referral', 'block', true, 'The partner referred its own company: its domain is the referral''s, its contact''s or its account''s.'),
    ('ineligible_partner', 'block', false, 'A reward was earned while the partner was not active or had not signed both terms.'),
    ('restricted_industry', 'review', true, 'A referral or a credited partner is on an account in a restricted industry.'),
    ('late_claim', 'review', true, 'A referral was submitted after the grace period from the opportunity''s creation and before it closed.'),
    ('click_burst', 'info', false, 'More clicks than the burst threshold came from one address in one hour; attribution ignores them.'),
    ('duplicate_submission', 'info', false, 'A referral repeats an earlier one of the same partner within the dedup window.')
) AS s(rule, severity, covers_rewards, meaning)

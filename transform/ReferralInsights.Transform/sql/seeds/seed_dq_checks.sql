-- Seed: every data-quality check of rules.md §11, its severity (D61) and what one finding of it means. Each check lists
-- its findings in its own model, int_dq__<check> (entity, entity_id, detail); fct_data_quality joins them to this table.
-- error: a number is left out or wrong; warning: a number may be less certain; info: nothing is wrong, but it is counted.
SELECT * FROM (VALUES
    ('unknown_partner', 'error', 'A row names a partner id that is not in portal/partners; the row counts for no partner.'),
    ('opportunity_unknown_account', 'error', 'An opportunity names an account that is not in crm/accounts.'),
    ('won_without_amount', 'error', 'A won opportunity has no amount: it adds no revenue and earns no commission.'),
    ('negative_amount', 'error', 'An opportunity''s amount is below zero.'),
    ('missing_fx_rate', 'error', 'No exchange rate converts the opportunity''s currency on its date; its USD amount is empty.'),
    ('closed_before_created', 'error', 'An opportunity closed before it was created.'),
    ('unknown_tier', 'error', 'A partner''s tier is not in the tier table in force; the lowest tier''s terms apply.'),
    ('ambiguous_account_match', 'warning', 'A referral or conversion matched several accounts by its deciding rule; the earliest created was chosen.'),
    ('unmatched_referral', 'warning', 'A referral submitted more than 30 days before as-of still matches no account.'),
    ('unknown_referral_code', 'warning', 'Clicks carry a referral code no known partner''s link has; attribution ignores them.'),
    ('stage_for_unknown_opportunity', 'warning', 'Stage history names an opportunity that is not in crm/opportunities.'),
    ('future_timestamp', 'warning', 'A raw row was created after as-of; the run leaves it out.'),
    ('crm_partner_mismatch', 'warning', 'The CRM''s partner tag disagrees with the partner the attribution credits as sourcing.'),
    ('stale_source', 'warning', 'A source''s newest timestamp is more than quality.max_staleness_days before as-of.'),
    ('closed_without_date', 'warning', 'A won or lost opportunity has no close date; it closes at its last update, else its creation.'),
    ('conflicting_versions', 'warning', 'One read delivered a key more than once with different values; one version was kept.'),
    ('ignored_review_decision', 'warning', 'A review decision names a flag that is no review flag of this run; it changes nothing.'),
    ('duplicate_referral', 'info', 'A referral repeats an earlier one of the same partner within the dedup window; only the first counts.')
) AS s("check", severity, meaning)

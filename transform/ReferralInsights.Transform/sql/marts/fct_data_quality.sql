-- Mart: one row per data-quality finding (rules.md §11, D61-D63, D66, D43). Each check lists its findings in its own
-- model, int_dq__<check>; seed_dq_checks gives its severity (D61). entity names the contract entity (`portal/referrals`,
-- `crm/opportunities`, …; a source for stale_source), entity_id the row's id there, detail what was found with the
-- values that decided it. Checks look at the data as it stood at as_of (staging), except future_timestamp,
-- conflicting_versions and stale_source, which read the raw rows.
WITH findings AS (
    SELECT 'duplicate_referral' AS "check", * FROM int_dq__duplicate_referral
    UNION ALL SELECT 'ambiguous_account_match', * FROM int_dq__ambiguous_account_match
    UNION ALL SELECT 'unmatched_referral', * FROM int_dq__unmatched_referral
    UNION ALL SELECT 'unknown_partner', * FROM int_dq__unknown_partner
    UNION ALL SELECT 'unknown_referral_code', * FROM int_dq__unknown_referral_code
    UNION ALL SELECT 'opportunity_unknown_account', * FROM int_dq__opportunity_unknown_account
    UNION ALL SELECT 'stage_for_unknown_opportunity', * FROM int_dq__stage_for_unknown_opportunity
    UNION ALL SELECT 'won_without_amount', * FROM int_dq__won_without_amount
    UNION ALL SELECT 'negative_amount', * FROM int_dq__negative_amount
    UNION ALL SELECT 'missing_fx_rate', * FROM int_dq__missing_fx_rate
    UNION ALL SELECT 'closed_before_created', * FROM int_dq__closed_before_created
    UNION ALL SELECT 'closed_without_date', * FROM int_dq__closed_without_date
    UNION ALL SELECT 'future_timestamp', * FROM int_dq__future_timestamp
    UNION ALL SELECT 'crm_partner_mismatch', * FROM int_dq__crm_partner_mismatch
    UNION ALL SELECT 'stale_source', * FROM int_dq__stale_source
    UNION ALL SELECT 'unknown_tier', * FROM int_dq__unknown_tier
    UNION ALL SELECT 'conflicting_versions', * FROM int_dq__conflicting_versions
    UNION ALL SELECT 'ignored_review_decision', * FROM int_dq__ignored_review_decision
)
SELECT f."check", c.severity, f.entity, f.entity_id, f.detail
FROM findings AS f
JOIN seed_dq_checks AS c USING ("check")

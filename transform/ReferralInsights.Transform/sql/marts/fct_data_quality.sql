-- Mart: one row per data-quality finding (rules.md §11, D61-D63, D66, D43). entity names the contract entity
-- (`portal/referrals`, `crm/opportunities`, …; a source for stale_source), entity_id the row's id there, detail what
-- was found with the values that decided it. Severities (D61): error — unknown_partner, opportunity_unknown_account,
-- won_without_amount, negative_amount, missing_fx_rate, closed_before_created, unknown_tier; warning —
-- ambiguous_account_match, unmatched_referral, unknown_referral_code, stage_for_unknown_opportunity, future_timestamp,
-- crm_partner_mismatch, stale_source, closed_without_date (D66), conflicting_versions, ignored_review_decision; info — duplicate_referral.
-- Checks look at the data as it stood at as_of (staging), except future_timestamp and stale_source, which read the
-- raw rows (int_dq_future_rows, int_dq_source_freshness).
WITH p AS (
    SELECT as_of, as_of_end, dedup_window_days, max_staleness_days FROM cfg_params
),
known_partners AS (
    SELECT partner_id FROM stg_portal__partners
),
duplicate_referral AS (
    -- §3: one per duplicate referral (D57)
    SELECT 'duplicate_referral' AS "check", 'info' AS severity, 'portal/referrals' AS entity, r.referral_id AS entity_id,
           'duplicate of ' || r.duplicate_of || ': same partner ' || r.partner_id || ' and '
           || split_part(r.dedup_key, ':', 1) || ' ' || substr(r.dedup_key, strpos(r.dedup_key, ':') + 1)
           || ' within ' || p.dedup_window_days || ' days' AS detail
    FROM int_referrals AS r CROSS JOIN p
    WHERE r.is_duplicate
),
ambiguous_account_match AS (
    -- §2 / D15: one per referral or conversion, about the winning rule only
    SELECT 'ambiguous_account_match', 'warning',
           CASE m.subject WHEN 'referral' THEN 'portal/referrals' ELSE 'clicks/conversions' END, m.subject_id,
           'rule ' || m.match_rule || ' (' || CASE m.match_rule WHEN 1 THEN 'company domain' WHEN 2 THEN 'contact email'
               WHEN 3 THEN 'email domain' ELSE 'company name' END || ') matched ' || m.candidate_accounts
           || ' accounts; chose ' || m.account_id || ' (earliest created, then lowest account_id)'
    FROM int_account_matches AS m
    WHERE m.is_ambiguous
),
unmatched_referral AS (
    -- D4: date(submitted_at) < as_of − 30 days and no account; kept referrals of known partners (duplicates and
    -- unknown-partner referrals have their own findings)
    SELECT 'unmatched_referral', 'warning', 'portal/referrals', r.referral_id,
           'submitted ' || ts_text(r.submitted_at) || ' (' || coalesce(r.company_name, '') || '), no account matched after 30 days'
    FROM int_referrals AS r CROSS JOIN p
    WHERE r.account_id IS NULL AND r.is_known_partner AND NOT r.is_duplicate
      AND CAST(r.submitted_at AS DATE) < p.as_of - INTERVAL 30 DAY
),
unknown_partner AS (
    -- D18: a partner id no partner has at as_of, wherever a row names one
    SELECT 'unknown_partner', 'error', 'portal/referrals', r.referral_id, 'partner ' || r.partner_id || ' is not in portal/partners'
    FROM int_referrals AS r WHERE NOT r.is_known_partner
    UNION ALL
    SELECT 'unknown_partner', 'error', 'portal/links', l.referral_code, 'partner ' || l.partner_id || ' is not in portal/partners'
    FROM stg_portal__links AS l ANTI JOIN known_partners AS k USING (partner_id)
    UNION ALL
    SELECT 'unknown_partner', 'error', 'crm/activities', a.activity_id, 'partner ' || a.partner_id || ' is not in portal/partners'
    FROM stg_crm__activities AS a ANTI JOIN known_partners AS k USING (partner_id)
    WHERE a.partner_id IS NOT NULL
    UNION ALL
    SELECT 'unknown_partner', 'error', 'crm/opportunities', o.opportunity_id, 'partner tag ' || o.crm_partner_id || ' is not in portal/partners'
    FROM stg_crm__opportunities AS o ANTI JOIN known_partners AS k ON k.partner_id = o.crm_partner_id
    WHERE o.crm_partner_id IS NOT NULL
    UNION ALL
    SELECT 'unknown_partner', 'error', 'portal/disputes', d.dispute_id,
           'claimant partner ' || d.claimant_partner_id || ' is not in portal/partners'
    FROM stg_portal__disputes AS d ANTI JOIN known_partners AS k ON k.partner_id = d.claimant_partner_id
    UNION ALL
    SELECT 'unknown_partner', 'error', 'portal/disputes', d.dispute_id,
           'resolution partner ' || d.resolution_partner_id || ' is not in portal/partners'
    FROM stg_portal__disputes AS d ANTI JOIN known_partners AS k ON k.partner_id = d.resolution_partner_id
    WHERE d.resolution_partner_id IS NOT NULL
    UNION ALL
    SELECT 'unknown_partner', 'error', 'portal/partner_tiers', t.partner_id,
           'partner ' || t.partner_id || ' (tier ' || t.tier || ' effective ' || ts_text(t.effective_from) || ') is not in portal/partners'
    FROM stg_portal__partner_tiers AS t ANTI JOIN known_partners AS k USING (partner_id)
    UNION ALL
    SELECT 'unknown_partner', 'error', 'portal/payouts', o.payout_id, 'partner ' || o.partner_id || ' is not in portal/partners'
    FROM stg_portal__payouts AS o ANTI JOIN known_partners AS k USING (partner_id)
),
unknown_referral_code AS (
    -- §4 / D62: one per code of clicks at as_of that no link has (or whose link's partner is unknown: such clicks
    -- are dropped from attribution the same way)
    SELECT 'unknown_referral_code', 'warning', 'clicks/clicks', c.referral_code,
           count(*) || CASE WHEN count(*) = 1 THEN ' click' ELSE ' clicks' END
           || ' from ' || ts_text(min(c.clicked_at)) || ' to ' || ts_text(max(c.clicked_at)) || '; '
           || CASE WHEN any_value(l.referral_code) IS NULL THEN 'no link has this code'
                   ELSE 'the link''s partner ' || any_value(l.partner_id) || ' is unknown' END
    FROM stg_clicks__clicks AS c
    LEFT JOIN stg_portal__links AS l USING (referral_code)
    LEFT JOIN known_partners AS k ON k.partner_id = l.partner_id
    WHERE k.partner_id IS NULL
    GROUP BY c.referral_code
),
opportunity_unknown_account AS (
    SELECT 'opportunity_unknown_account', 'error', 'crm/opportunities', o.opportunity_id,
           'account ' || o.account_id || ' is not in crm/accounts'
    FROM int_opportunities AS o ANTI JOIN stg_crm__accounts AS a USING (account_id)
),
stage_for_unknown_opportunity AS (
    -- D62: one per opportunity_id
    SELECT 'stage_for_unknown_opportunity', 'warning', 'crm/opportunity_stages', s.opportunity_id,
           count(*) || CASE WHEN count(*) = 1 THEN ' stage row' ELSE ' stage rows' END
           || ' from ' || ts_text(min(s.entered_at)) || ' to ' || ts_text(max(s.entered_at))
           || '; the opportunity is not in crm/opportunities'
    FROM stg_crm__opportunity_stages AS s ANTI JOIN int_opportunities AS o USING (opportunity_id)
    GROUP BY s.opportunity_id
),
amounts AS (
    SELECT 'won_without_amount', 'error', 'crm/opportunities', opportunity_id, 'won ' || ts_text(closed_at) || ' without an amount'
    FROM int_opportunities WHERE status = 'won' AND amount IS NULL
    UNION ALL
    SELECT 'negative_amount', 'error', 'crm/opportunities', opportunity_id, 'amount ' || num_text(amount) || ' ' || currency
    FROM int_opportunities WHERE amount < 0
    UNION ALL
    -- §1 / D12: neither crm/fx_rates (valid_from ≤ d) nor the static fx table has a rate; amount_usd stays NULL
    SELECT 'missing_fx_rate', 'error', 'crm/opportunities', opportunity_id,
           'no rate for ' || currency || ' on ' || strftime(fx_date, '%Y-%m-%d') || ' in crm/fx_rates or the fx table; amount_usd is empty'
    FROM int_opportunities WHERE is_missing_fx_rate
),
dates AS (
    SELECT 'closed_before_created', 'error', 'crm/opportunities', opportunity_id,
           'closed ' || ts_text(closed_at) || ' before created ' || ts_text(created_at)
    FROM int_opportunities WHERE closed_at < created_at
    UNION ALL
    -- D66: won/lost without closed_at closes at updated_at, else created_at
    SELECT 'closed_without_date', 'warning', 'crm/opportunities', o.opportunity_id,
           o.status || ' without closed_at: closed at ' || CASE WHEN s.updated_at IS NOT NULL THEN 'updated_at ' ELSE 'created_at ' END
           || ts_text(o.closed_at)
    FROM int_opportunities AS o JOIN stg_crm__opportunities AS s USING (opportunity_id)
    WHERE o.closed_without_date
),
future_timestamp AS (
    -- D62: one per raw row
    SELECT 'future_timestamp', 'warning', f.entity, f.entity_id,
           f.column_name || ' ' || ts_text(f.stamp) || ' is after as_of ' || strftime(p.as_of, '%Y-%m-%d')
           || CASE WHEN f._source_file IS NOT NULL THEN ' (' || f._source_file || ' line ' || f._line || ')' ELSE '' END
    FROM int_dq_future_rows AS f CROSS JOIN p
),
crm_partner_mismatch AS (
    -- D63: tag set and (sourcing partners after disputes and tag ≠ the primary (D24)) or (no sourcing partner and the
    -- tagged partner has no touch on the opportunity)
    SELECT 'crm_partner_mismatch', 'warning', 'crm/opportunities', o.opportunity_id,
           'CRM tags ' || o.crm_partner_id || CASE
               WHEN a.sourcing_partners > 0 THEN '; the primary sourcing partner is ' || pr.partner_id
               ELSE ', which has no touch on the opportunity' END
    FROM int_opportunities AS o
    JOIN int_opportunity_attribution AS a USING (opportunity_id)
    LEFT JOIN int_attribution AS pr ON pr.opportunity_id = o.opportunity_id AND pr.is_reward_model AND pr.role = 'primary'
    WHERE o.crm_partner_id IS NOT NULL
      AND CASE WHEN a.sourcing_partners > 0 THEN o.crm_partner_id IS DISTINCT FROM pr.partner_id
               ELSE NOT EXISTS (SELECT 1 FROM int_touch_opportunities AS t
                                WHERE t.opportunity_id = o.opportunity_id AND t.partner_id = o.crm_partner_id) END
),
stale_source AS (
    -- D4 / D62: date(newest) < as_of − max_staleness_days, one per source
    SELECT 'stale_source', 'warning', f.source, f.source,
           CASE WHEN f.newest_at IS NULL THEN 'no timestamp on or before as_of'
                ELSE 'newest timestamp ' || ts_text(f.newest_at) || ' is more than ' || p.max_staleness_days
                     || ' days before as_of ' || strftime(p.as_of, '%Y-%m-%d') END
    FROM int_dq_source_freshness AS f CROSS JOIN p
    WHERE f.newest_at IS NULL OR CAST(f.newest_at AS DATE) < p.as_of - to_days(p.max_staleness_days)
),
conflicting_versions AS (
    SELECT 'conflicting_versions', 'warning', v.entity, v.entity_id,
           v.versions || ' different rows in one read (' || v.lines || '); kept '
           || CASE WHEN v.entity IN ('crm/accounts', 'crm/contacts', 'crm/opportunities')
                   THEN 'the newest updated_at, else the last line' ELSE 'the last line' END
    FROM int_dq_conflicting_versions AS v
),
ignored_review_decision AS (
    -- a standing review decision (compliance.review_decisions) on a flag id that is no review flag at as_of: it changes nothing
    SELECT 'ignored_review_decision', 'warning', 'decisions/reviews', d.flag_id,
           d.decision || ' by ' || d.decided_by || ' on ' || instant_text(d.decided_at) || ' names '
           || CASE WHEN d.severity IS NULL THEN 'no review flag of this run' ELSE 'a ' || d.severity || ' flag; only review flags are decided' END
           || '; it changes nothing'
    FROM int_review_decisions AS d
    WHERE NOT d.applies
),
unknown_tier AS (
    -- D43: a tier name (trimmed, any case) that the tier table in force does not have (for a partner_tiers row: the
    -- table in force on its effective day); the lowest tier's terms apply
    SELECT 'unknown_tier', 'error', 'portal/partners', t.partner_id,
           'tier ''' || t.tier || ''' is not in rewards.tiers; the lowest tier''s terms apply'
    FROM stg_portal__partners AS t
    WHERE lower(trim(t.tier)) NOT IN (SELECT lower(trim(name)) FROM cfg_current_tiers)
    UNION ALL
    SELECT DISTINCT 'unknown_tier', 'error', 'portal/partner_tiers', t.partner_id,
           'tier ''' || t.tier || ''' effective ' || ts_text(t.effective_from)
           || ' is not in rewards.tiers; the lowest tier''s terms apply'
    FROM stg_portal__partner_tiers AS t
    WHERE NOT EXISTS (
        SELECT 1 FROM cfg_tiers AS c
        WHERE lower(trim(c.name)) = lower(trim(t.tier))
          AND (c.applies_from IS NULL OR c.applies_from <= CAST(t.effective_from AS DATE))
          AND (c.applies_to IS NULL OR CAST(t.effective_from AS DATE) < c.applies_to))
)
SELECT * FROM duplicate_referral
UNION ALL SELECT * FROM ambiguous_account_match
UNION ALL SELECT * FROM unmatched_referral
UNION ALL SELECT * FROM unknown_partner
UNION ALL SELECT * FROM unknown_referral_code
UNION ALL SELECT * FROM opportunity_unknown_account
UNION ALL SELECT * FROM stage_for_unknown_opportunity
UNION ALL SELECT * FROM amounts
UNION ALL SELECT * FROM dates
UNION ALL SELECT * FROM future_timestamp
UNION ALL SELECT * FROM crm_partner_mismatch
UNION ALL SELECT * FROM stale_source
UNION ALL SELECT * FROM unknown_tier
UNION ALL SELECT * FROM conflicting_versions
UNION ALL SELECT * FROM ignored_review_decision

-- §6 funnel state of each referral (D32-D34, D41). A referral sources every opportunity of its account whose sourcing
-- window its touch falls in (D41); only touch-making referrals source (rejected, duplicate and self-referrals never).
--   qualified_at: earliest qualified_at of the opportunities it sources (D34; may precede submitted_at in grace)
--   won_at: earliest closed_at of its won sourced opportunities; is_lost: ≥ 1 sourced opportunity and all lost.
WITH sourced AS (
    SELECT t.evidence_id AS referral_id, o.opportunity_id, o.status, o.qualified_at, o.closed_at
    FROM int_touch_opportunities AS t
    JOIN int_opportunities AS o USING (opportunity_id)
    WHERE t.kind = 'referral' AND t.role = 'sourcing'
),
agg AS (
    SELECT
        referral_id,
        list(opportunity_id ORDER BY opportunity_id) AS sourced_opportunity_ids,
        min(qualified_at) AS qualified_at,
        min(closed_at) FILTER (WHERE status = 'won') AS won_at,
        count(*) AS sourced_n,
        count(*) FILTER (WHERE status = 'lost') AS lost_n
    FROM sourced
    GROUP BY referral_id
)
SELECT
    r.referral_id,
    r.partner_id,
    r.submitted_at,
    r.account_id,
    r.is_duplicate,
    r.duplicate_of,
    r.status,
    coalesce(a.sourced_opportunity_ids, CAST([] AS VARCHAR[])) AS sourced_opportunity_ids,
    a.qualified_at,
    a.won_at,
    coalesce(a.sourced_n > 0 AND a.lost_n = a.sourced_n, false) AS is_lost,
    r.is_accepted,
    r.is_self_referral,
    r.is_known_partner,
    r.match_rule,
    r.is_ambiguous_match
FROM int_referrals AS r
LEFT JOIN agg AS a USING (referral_id)

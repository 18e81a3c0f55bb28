-- §4 each touch related to each opportunity it sources or assists (D3 bounds, exact 24 h units; the bounds are
-- int_opportunities' sourcing_window_start/end and t1):
--   referral/click touch on the opportunity's account:
--     sourcing  t0 − registration_valid_days ≤ t ≤ t0 + grace_days
--     assist    t0 + grace_days < t < t1          (t1 = closed_at, or as_of_end while open: D1)
--   activity touch in its scope (D20), t0 ≤ t ≤ t1: assist (activities never source). For an open opportunity
--   t1 = as_of_end is exclusive, and no activity exists at or after it (D2).
-- One row per (touch, opportunity, role); a touch is at most one role on one opportunity.
WITH o AS (
    SELECT opportunity_id, account_id, t0, t1, closed_at, sourcing_window_start, sourcing_window_end
    FROM int_opportunities
),
account_touches AS (
    SELECT
        t.touch_id, t.kind, t.partner_id, t.account_id, t.touch_at, t.evidence_id, o.opportunity_id, o.t0,
        CASE
            WHEN t.touch_at >= o.sourcing_window_start AND t.touch_at <= o.sourcing_window_end THEN 'sourcing'
            WHEN t.touch_at > o.sourcing_window_end AND t.touch_at < o.t1 THEN 'assist'
        END AS role
    FROM int_touches AS t
    JOIN o ON o.account_id = t.account_id
    WHERE t.kind IN ('referral', 'click')
      AND t.touch_at >= o.sourcing_window_start
),
activity_touches AS (
    -- scope D20: the activity's own opportunity, else every opportunity of its account
    SELECT
        t.touch_id, t.kind, t.partner_id, t.account_id, t.touch_at, t.evidence_id, o.opportunity_id, o.t0,
        'assist' AS role
    FROM int_touches AS t
    JOIN o ON o.opportunity_id = t.scope_opportunity_id
    WHERE t.kind = 'activity' AND t.scope_opportunity_id IS NOT NULL
      AND t.touch_at >= o.t0 AND (o.closed_at IS NULL OR t.touch_at <= o.closed_at)
    UNION ALL
    SELECT
        t.touch_id, t.kind, t.partner_id, t.account_id, t.touch_at, t.evidence_id, o.opportunity_id, o.t0,
        'assist' AS role
    FROM int_touches AS t
    JOIN o ON o.account_id = t.account_id
    WHERE t.kind = 'activity' AND t.scope_opportunity_id IS NULL
      AND t.touch_at >= o.t0 AND (o.closed_at IS NULL OR t.touch_at <= o.closed_at)
)
SELECT * FROM account_touches WHERE role IS NOT NULL
UNION ALL
SELECT * FROM activity_touches

-- Mart: one row per known partner, any status (§12, D64/D65): the tier its trailing twelve months earn.
--   Window (D64): UTC dates in (as_of − 1 year, as_of]. trailing_sourced_revenue = Σ credit × amount over won deals
--   closed in the window (reward-model credit after disputes, c > 0; refunded deals still count, D37), exact and
--   rounded once (D10); trailing_qualified = non-duplicate referrals whose qualified_at is in the window.
--   recommended_tier: the highest tier of rewards.tiers whose min_sourced_revenue and min_qualified_referrals are both
--   met (≥, D65) by the published (rounded) figures; none met → the lowest tier. assigned_tier: the tier at as_of (D42;
--   an unknown name ranks as the lowest tier, D43). move: up / down / keep by rank in rewards.tiers order.
--   reason: the thresholds the recommended tier meets, what the next tier up lacks, and the move, e.g.
--   "trailing revenue $412,300 ≥ Gold's $400,000 and 16 qualified ≥ 15 → up from Silver to Gold".
--   next_tier: the tier above the recommended one (NULL at the highest); revenue_to_next_tier and qualified_to_next_tier:
--   how much more of each it needs (NULL when that threshold is already met).
WITH p AS (
    SELECT as_of, trailing_12m_start() AS window_start, as_of_end AS window_end FROM cfg_params
),
revenue AS (
    SELECT d.partner_id, cents(sum(credited(d.amount_exact, d.credit))) AS trailing_sourced_revenue
    FROM int_credited_deals AS d
    CROSS JOIN p
    WHERE d.status = 'won' AND d.amount_exact IS NOT NULL
      AND d.closed_at >= p.window_start AND d.closed_at < p.window_end
    GROUP BY d.partner_id
),
qualified AS (
    SELECT r.partner_id, count(*) AS trailing_qualified
    FROM int_referral_funnel AS r
    CROSS JOIN p
    WHERE NOT r.is_duplicate AND r.qualified_at >= p.window_start AND r.qualified_at < p.window_end
    GROUP BY r.partner_id
),
facts AS (
    SELECT
        pt.partner_id,
        coalesce(rv.trailing_sourced_revenue, CAST(0 AS DECIMAL(18,2))) AS revenue,
        coalesce(q.trailing_qualified, 0) AS qualified,
        t.assigned_tier,
        t.tier AS assigned_terms,
        t.tier_rank AS assigned_rank,
        t.is_unknown_tier
    FROM stg_portal__partners AS pt
    CROSS JOIN p
    JOIN int_partner_tiers AS t
        ON t.partner_id = pt.partner_id
       AND (t.valid_from IS NULL OR t.valid_from <= p.as_of)
       AND (t.valid_to IS NULL OR p.as_of < t.valid_to)
    LEFT JOIN revenue AS rv ON rv.partner_id = pt.partner_id
    LEFT JOIN qualified AS q ON q.partner_id = pt.partner_id
),
recommended AS (
    SELECT
        f.*,
        coalesce(
            (SELECT max(c.tier_rank) FROM cfg_current_tiers AS c
             WHERE f.revenue >= c.min_sourced_revenue AND f.qualified >= c.min_qualified_referrals),
            (SELECT min(tier_rank) FROM cfg_current_tiers)) AS recommended_rank
    FROM facts AS f
),
explained AS (
    SELECT
        r.*,
        rt.name AS recommended_tier,
        CASE WHEN r.recommended_rank > r.assigned_rank THEN 'up' WHEN r.recommended_rank < r.assigned_rank THEN 'down' ELSE 'keep' END
            AS move,
        CASE
            WHEN r.revenue >= rt.min_sourced_revenue AND r.qualified >= rt.min_qualified_referrals
            THEN 'trailing revenue ' || money_text(r.revenue) || ' ≥ ' || rt.name || '''s ' || money_text(rt.min_sourced_revenue)
                 || ' and ' || r.qualified || ' qualified ≥ ' || rt.min_qualified_referrals
            ELSE 'trailing revenue ' || money_text(r.revenue) || ' and ' || r.qualified || ' qualified meet no tier (the lowest, '
                 || rt.name || ', needs ' || money_text(rt.min_sourced_revenue) || ' and ' || rt.min_qualified_referrals || ')'
        END AS met,
        '; below ' || nt.name || ': ' || concat_ws(' and ',
            CASE WHEN r.revenue < nt.min_sourced_revenue
                 THEN 'revenue ' || money_text(r.revenue) || ' < ' || money_text(nt.min_sourced_revenue) END,
            CASE WHEN r.qualified < nt.min_qualified_referrals
                 THEN r.qualified || ' qualified < ' || nt.min_qualified_referrals END) AS short_of_next,
        nt.name AS next_tier,
        CASE WHEN r.revenue < nt.min_sourced_revenue THEN CAST(nt.min_sourced_revenue - r.revenue AS DECIMAL(18, 2)) END AS revenue_to_next_tier,
        CASE WHEN r.qualified < nt.min_qualified_referrals THEN nt.min_qualified_referrals - r.qualified END AS qualified_to_next_tier
    FROM recommended AS r
    JOIN cfg_current_tiers AS rt ON rt.tier_rank = r.recommended_rank
    LEFT JOIN cfg_current_tiers AS nt ON nt.tier_rank = r.recommended_rank + 1
)
SELECT
    partner_id,
    assigned_tier,
    recommended_tier,
    move,
    revenue AS trailing_sourced_revenue,
    qualified AS trailing_qualified,
    CASE WHEN is_unknown_tier
         THEN 'assigned tier ''' || assigned_tier || ''' is not in rewards.tiers (' || assigned_terms || '''s terms apply); '
         ELSE '' END
    || met || coalesce(short_of_next, '') || ' → '
    || CASE move
           WHEN 'up' THEN 'up from ' || assigned_terms || ' to ' || recommended_tier
           WHEN 'down' THEN 'down from ' || assigned_terms || ' to ' || recommended_tier
           ELSE 'keep ' || recommended_tier
       END AS reason,
    next_tier,
    revenue_to_next_tier,
    qualified_to_next_tier
FROM explained

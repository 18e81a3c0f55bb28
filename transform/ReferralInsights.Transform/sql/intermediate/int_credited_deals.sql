-- D35 "whose revenue": (opportunity, partner) pairs of the reward model after disputes with credit > 0, known
-- partners only (D18), with what the revenue, days-to-close and pipeline measures need. amount_exact is NULL when the
-- deal has no amount or no fx rate: such pairs count as credited deals but add no money.
-- first_sourcing_at: the partner's earliest sourcing referral or click touch on the deal (NULL for a partner credited
-- only through a dispute: no days-to-close for it, D35).
SELECT
    a.opportunity_id,
    a.partner_id,
    a.credit,
    o.status,
    o.created_at,
    o.closed_at,
    o.amount_exact,
    s.first_touch_at AS first_sourcing_at
FROM int_attribution AS a
JOIN int_opportunities AS o USING (opportunity_id)
JOIN stg_portal__partners AS pt ON pt.partner_id = a.partner_id
LEFT JOIN int_sourcing_partners AS s ON s.opportunity_id = a.opportunity_id AND s.partner_id = a.partner_id
WHERE a.is_reward_model AND a.credit > 0

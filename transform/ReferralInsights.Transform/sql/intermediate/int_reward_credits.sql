-- §5 the reward model's (attribution.reward_model) credits after disputes (D29/D30): the latest resolved dispute on O
-- (resolved_at, then dispute_id) gives its resolution partner (empty → claimant) resolution_share (empty → 1); the
-- other partners' pre-dispute credits (int_model_credits) are scaled to 1 − share (equal split when they sum to 0);
-- no other partner → the resolution partner gets 1 (D69). The resolution partner joins SP for the reward model only.
WITH resolution AS (
    -- D29: the latest resolved dispute per existing opportunity
    SELECT
        d.opportunity_id,
        d.dispute_id,
        d.resolved_at,
        coalesce(d.resolution_partner_id, d.claimant_partner_id) AS partner_id,
        CAST(coalesce(d.resolution_share, 1) AS DECIMAL(38,18)) AS share
    FROM stg_portal__disputes AS d
    JOIN int_opportunities AS o USING (opportunity_id)
    WHERE d.status = 'resolved'
    QUALIFY row_number() OVER (PARTITION BY d.opportunity_id ORDER BY d.resolved_at DESC NULLS LAST, d.dispute_id DESC) = 1
),
reward_pre AS (
    SELECT c.opportunity_id, c.partner_id, c.credit, c.decision
    FROM int_model_credits AS c CROSS JOIN cfg_params AS p
    WHERE c.model = p.reward_model
),
others AS (
    -- D30: SP ∖ {resolution partner}, pre-dispute credits
    SELECT
        r.opportunity_id,
        r.partner_id,
        r.credit,
        x.share,
        x.dispute_id,
        sum(r.credit) OVER (PARTITION BY r.opportunity_id) AS others_credit,
        count(*) OVER (PARTITION BY r.opportunity_id) AS others_n
    FROM reward_pre AS r
    JOIN resolution AS x ON x.opportunity_id = r.opportunity_id AND x.partner_id <> r.partner_id
)
SELECT r.opportunity_id, r.partner_id, r.credit, r.decision
FROM reward_pre AS r
ANTI JOIN resolution AS x USING (opportunity_id)
UNION ALL
SELECT
    x.opportunity_id,
    x.partner_id,
    CASE WHEN has_others THEN x.share ELSE CAST(1 AS DECIMAL(38,18)) END,
    'dispute ' || x.dispute_id || ' resolved ' || ts_text(x.resolved_at) || ': resolution share ' || num_text(x.share)
    || CASE WHEN has_others THEN '' ELSE ', no other sourcing partner: 1' END
FROM (SELECT x.*, EXISTS (SELECT 1 FROM others AS o WHERE o.opportunity_id = x.opportunity_id) AS has_others
      FROM resolution AS x) AS x
UNION ALL
SELECT
    opportunity_id,
    partner_id,
    CASE WHEN others_credit > 0 THEN div18(credit * (1 - share), others_credit)
         ELSE div18(1 - share, others_n) END,
    CASE WHEN others_credit > 0
         THEN 'pre-dispute credit ' || num_text(credit) || ' scaled to fill 1 - ' || num_text(share)
         ELSE 'pre-dispute credits all 0: equal split of 1 - ' || num_text(share) END
    || ' after dispute ' || dispute_id
FROM others

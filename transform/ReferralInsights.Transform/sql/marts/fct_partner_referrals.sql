-- Mart: one row per referral, with what its partner sees of it on the scorecard's referral list: its status (or the
-- referral it duplicates), the first opportunity it sourced (by created_at, then id) with that deal's stage and status,
-- its lead score with the model's top factors, and its rewards — earned (payable and capped), withheld, and the reasons
-- of those withheld or capped. contact_email and contact_name are here for the pages to pseudonymise (keyed hash); a
-- partner-facing page never shows them as they are.
WITH rewards AS (
    SELECT
        referral_id,
        coalesce(sum(amount) FILTER (WHERE counts_as_cost(status)), 0) AS rewards_earned,
        coalesce(sum(amount) FILTER (WHERE status = 'withheld'), 0) AS rewards_withheld
    FROM fct_rewards
    WHERE referral_id IS NOT NULL
    GROUP BY referral_id
),
held AS (
    -- a reward may carry several reasons ("per_deal_cap;annual_cap"): each reason once per referral
    SELECT referral_id, string_agg(DISTINCT reason, ';' ORDER BY reason) AS held_reasons
    FROM (
        SELECT referral_id, unnest(string_split(reason, ';')) AS reason
        FROM fct_rewards
        WHERE referral_id IS NOT NULL AND status IN ('withheld', 'capped') AND reason IS NOT NULL
    )
    GROUP BY referral_id
),
sourced AS (
    SELECT referral_id, unnest(sourced_opportunity_ids) AS opportunity_id FROM fct_referrals
),
first_deal AS (
    SELECT s.referral_id, o.opportunity_id, o.stage, o.status
    FROM sourced AS s
    JOIN int_opportunities AS o USING (opportunity_id)
    QUALIFY row_number() OVER (PARTITION BY s.referral_id ORDER BY o.created_at, o.opportunity_id) = 1
)
SELECT
    r.referral_id,
    r.partner_id,
    r.submitted_at,
    r.status,
    r.is_duplicate,
    r.duplicate_of,
    d.opportunity_id,
    d.stage AS opportunity_stage,
    d.status AS opportunity_status,
    r.qualified_at,
    r.won_at,
    r.lead_score,
    l.top_factors,
    coalesce(w.rewards_earned, 0) AS rewards_earned,
    coalesce(w.rewards_withheld, 0) AS rewards_withheld,
    h.held_reasons,
    p.contact_email,
    p.contact_name
FROM fct_referrals AS r
LEFT JOIN first_deal AS d USING (referral_id)
LEFT JOIN lead_scores AS l USING (referral_id)
LEFT JOIN rewards AS w USING (referral_id)
LEFT JOIN held AS h USING (referral_id)
LEFT JOIN stg_portal__referrals AS p USING (referral_id)

-- Compliance rule late_claim (review, D22): one flag per (referral, opportunity) of int_late_claims (touches, so
-- known partners only). flag_id late_claim:<referral_id>:<opportunity_id>.
SELECT
    'late_claim:' || l.referral_id || ':' || l.opportunity_id AS flag_id,
    l.partner_id,
    l.referral_id,
    l.opportunity_id,
    l.submitted_at AS raised_at,
    'referral ' || l.referral_id || ' submitted ' || instant_text(l.submitted_at) || ', after the ' || p.grace_days
    || '-day grace period from the creation of opportunity ' || l.opportunity_id || ' (' || instant_text(o.created_at) || ') '
    || CASE WHEN o.closed_at IS NULL THEN 'while it is open' ELSE 'and before it closed (' || instant_text(o.closed_at) || ')' END
    AS detail
FROM int_late_claims AS l
JOIN int_opportunities AS o USING (opportunity_id)
CROSS JOIN cfg_params AS p

-- D22 late_claim (compliance §8, review): exactly a referral touch that is an assist on O
-- (t0 + grace_days < submitted_at < t1); one per (referral, opportunity). Only touch-making referrals get here, so
-- duplicate, rejected and self-referrals are never late claims.
SELECT
    t.evidence_id AS referral_id,
    t.partner_id,
    t.opportunity_id,
    t.touch_at AS submitted_at
FROM int_touch_opportunities AS t
WHERE t.kind = 'referral' AND t.role = 'assist'

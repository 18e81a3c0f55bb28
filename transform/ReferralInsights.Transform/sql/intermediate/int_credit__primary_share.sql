-- Attribution model primary_share (§5, D24/D25): the primary (earliest sourcing referral touch, else earliest sourcing
-- click touch, then partner_id) gets attribution.primary_share, the others split the rest equally. Pre-dispute.
SELECT
    opportunity_id,
    partner_id,
    CASE WHEN ps_rank = 1 THEN primary_share ELSE div18(1 - primary_share, n - 1) END AS credit,
    CASE
        WHEN ps_rank = 1 THEN
            CASE WHEN first_referral_at IS NOT NULL
                    THEN 'earliest sourcing referral touch ' || ts_text(first_referral_at) || ' (referral ' || first_referral_id || ')'
                    ELSE 'no sourcing referral touch; earliest sourcing click touch ' || ts_text(first_click_at)
                         || ' (click ' || first_click_id || ')' END
            || CASE WHEN ps_tied THEN ', tie broken by partner_id' ELSE '' END
            || ': ' || num_text(primary_share)
        ELSE num_text(1 - primary_share) || ' split among ' || (n - 1)
            || CASE WHEN n = 2 THEN ' other' ELSE ' others' END END AS decision
FROM int_sourcing_ranks

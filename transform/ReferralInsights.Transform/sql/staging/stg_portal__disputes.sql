-- Credit disputes opened on or before as_of (D2). A resolution (resolved/rejected) dated after as_of did not happen
-- yet: the dispute is open at as_of and carries no resolution.
SELECT
    d.dispute_id,
    d.opportunity_id,
    d.claimant_partner_id,
    d.opened_at,
    CASE WHEN d.resolved_at >= p.as_of_end THEN 'open' ELSE lower(trim(d.status)) END AS status,
    CASE WHEN d.resolved_at >= p.as_of_end THEN NULL ELSE d.resolution_partner_id END AS resolution_partner_id,
    CASE WHEN d.resolved_at >= p.as_of_end THEN NULL ELSE d.resolution_share END AS resolution_share,
    CASE WHEN d.resolved_at < p.as_of_end THEN d.resolved_at END AS resolved_at,
    d.referral_id,
    d.notes
FROM raw_portal__disputes AS d
CROSS JOIN cfg_params AS p
WHERE d.opened_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY d.dispute_id ORDER BY d._ingested_at DESC, d._source_file DESC, d._line DESC) = 1

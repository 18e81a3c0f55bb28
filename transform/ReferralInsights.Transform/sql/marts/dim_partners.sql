-- One row per partner known at as_of: who they are, for the reports (names never leave program pages).
-- tier = the partner's assigned tier as the portal states it today; the tier at a time comes with rewards (D42).
SELECT partner_id, name, type, tier, status, status_since, joined_at, region, country
FROM stg_portal__partners

-- Data-quality check unknown_partner (D18): a partner id that no partner has at as_of, wherever a row names one.
WITH known_partners AS (
    SELECT partner_id FROM stg_portal__partners
)
SELECT 'portal/referrals' AS entity, r.referral_id AS entity_id, 'partner ' || r.partner_id || ' is not in portal/partners' AS detail
FROM int_referrals AS r WHERE NOT r.is_known_partner
UNION ALL
SELECT 'portal/links', l.referral_code, 'partner ' || l.partner_id || ' is not in portal/partners'
FROM stg_portal__links AS l ANTI JOIN known_partners AS k USING (partner_id)
UNION ALL
SELECT 'crm/activities', a.activity_id, 'partner ' || a.partner_id || ' is not in portal/partners'
FROM stg_crm__activities AS a ANTI JOIN known_partners AS k USING (partner_id)
WHERE a.partner_id IS NOT NULL
UNION ALL
SELECT 'crm/opportunities', o.opportunity_id, 'partner tag ' || o.crm_partner_id || ' is not in portal/partners'
FROM stg_crm__opportunities AS o ANTI JOIN known_partners AS k ON k.partner_id = o.crm_partner_id
WHERE o.crm_partner_id IS NOT NULL
UNION ALL
SELECT 'portal/disputes', d.dispute_id, 'claimant partner ' || d.claimant_partner_id || ' is not in portal/partners'
FROM stg_portal__disputes AS d ANTI JOIN known_partners AS k ON k.partner_id = d.claimant_partner_id
UNION ALL
SELECT 'portal/disputes', d.dispute_id, 'resolution partner ' || d.resolution_partner_id || ' is not in portal/partners'
FROM stg_portal__disputes AS d ANTI JOIN known_partners AS k ON k.partner_id = d.resolution_partner_id
WHERE d.resolution_partner_id IS NOT NULL
UNION ALL
SELECT 'portal/partner_tiers', t.partner_id,
       'partner ' || t.partner_id || ' (tier ' || t.tier || ' effective ' || ts_text(t.effective_from) || ') is not in portal/partners'
FROM stg_portal__partner_tiers AS t ANTI JOIN known_partners AS k USING (partner_id)
UNION ALL
SELECT 'portal/payouts', o.payout_id, 'partner ' || o.partner_id || ' is not in portal/partners'
FROM stg_portal__payouts AS o ANTI JOIN known_partners AS k USING (partner_id)

-- Data-quality check opportunity_unknown_account: an opportunity whose account is not in crm/accounts.
SELECT 'crm/opportunities' AS entity, o.opportunity_id AS entity_id, 'account ' || o.account_id || ' is not in crm/accounts' AS detail
FROM int_opportunities AS o ANTI JOIN stg_crm__accounts AS a USING (account_id)

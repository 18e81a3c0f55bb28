-- §2 matching of each referral to a CRM account: the first rule (1..4) that finds accounts wins; several accounts at
-- that rule -> the earliest-created, then the lowest account_id (ordinal), and is_ambiguous (D15: the warning is
-- only about the winning rule). One row per matched referral; unmatched referrals have no row. candidate_accounts:
-- how many accounts the winning rule found.
WITH r AS (
    SELECT referral_id, company_domain_norm, contact_email_norm, contact_email_domain, contact_email_is_free_mail,
           company_name_norm
    FROM stg_portal__referrals
),
candidates AS (
    -- rule 1: normalized company_domain = normalized account domain (free-mail company_domain is NULL, D9)
    SELECT r.referral_id, 1 AS match_rule, a.account_id, a.created_at
    FROM r JOIN stg_crm__accounts AS a ON a.domain_norm = r.company_domain_norm
    UNION
    -- rule 2: contact_email = a CRM contact's email (case-insensitive) -> that contact's account; a contact without a
    -- known account matches nothing (D13)
    SELECT r.referral_id, 2, a.account_id, a.created_at
    FROM r
    JOIN stg_crm__contacts AS c ON c.email_norm = r.contact_email_norm
    JOIN stg_crm__accounts AS a ON a.account_id = c.account_id
    UNION
    -- rule 3: email domain of contact_email (free-mail excluded) = account domain
    SELECT r.referral_id, 3, a.account_id, a.created_at
    FROM r JOIN stg_crm__accounts AS a ON a.domain_norm = r.contact_email_domain
    WHERE NOT r.contact_email_is_free_mail
    UNION
    -- rule 4: normalized company_name = normalized account name
    SELECT r.referral_id, 4, a.account_id, a.created_at
    FROM r JOIN stg_crm__accounts AS a ON a.name_norm = r.company_name_norm
),
winning AS (
    SELECT c.*
    FROM candidates AS c
    QUALIFY c.match_rule = min(c.match_rule) OVER (PARTITION BY c.referral_id)
)
SELECT
    referral_id,
    account_id,
    match_rule,
    count(*) OVER (PARTITION BY referral_id) > 1 AS is_ambiguous,
    count(*) OVER (PARTITION BY referral_id) AS candidate_accounts
FROM winning
QUALIFY row_number() OVER (PARTITION BY referral_id ORDER BY created_at, account_id) = 1

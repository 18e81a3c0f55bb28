-- §2 matching of each referral, and §4 of each click conversion, to a CRM account: the first rule (1..4) that finds
-- accounts wins; several accounts at that rule -> the earliest-created, then the lowest account_id (ordinal), and
-- is_ambiguous (D15: the warning is only about the winning rule). A conversion has only an email, so only rules 2-3
-- can match it. One row per matched subject; unmatched subjects have no row. candidate_accounts: how many accounts
-- the winning rule found. subject: 'referral' (subject_id = referral_id) or 'conversion' (conversion_id).
WITH subjects AS (
    SELECT 'referral' AS subject, referral_id AS subject_id, company_domain_norm, contact_email_norm AS email_norm,
           contact_email_domain AS email_domain, contact_email_is_free_mail AS email_is_free_mail, company_name_norm
    FROM stg_portal__referrals
    UNION ALL
    SELECT 'conversion', conversion_id, NULL, email_norm, email_domain, email_is_free_mail, NULL
    FROM stg_clicks__conversions
),
candidates AS (
    -- rule 1: normalized company_domain = normalized account domain (free-mail company_domain is NULL, D9)
    SELECT s.subject, s.subject_id, 1 AS match_rule, a.account_id, a.created_at
    FROM subjects AS s JOIN stg_crm__accounts AS a ON a.domain_norm = s.company_domain_norm
    UNION
    -- rule 2: the email = a CRM contact's email (case-insensitive) -> that contact's account; a contact without a
    -- known account matches nothing (D13)
    SELECT s.subject, s.subject_id, 2, a.account_id, a.created_at
    FROM subjects AS s
    JOIN stg_crm__contacts AS c ON c.email_norm = s.email_norm
    JOIN stg_crm__accounts AS a ON a.account_id = c.account_id
    UNION
    -- rule 3: the email's domain (free-mail excluded) = account domain
    SELECT s.subject, s.subject_id, 3, a.account_id, a.created_at
    FROM subjects AS s JOIN stg_crm__accounts AS a ON a.domain_norm = s.email_domain
    WHERE NOT s.email_is_free_mail
    UNION
    -- rule 4: normalized company_name = normalized account name
    SELECT s.subject, s.subject_id, 4, a.account_id, a.created_at
    FROM subjects AS s JOIN stg_crm__accounts AS a ON a.name_norm = s.company_name_norm
),
winning AS (
    SELECT c.*
    FROM candidates AS c
    QUALIFY c.match_rule = min(c.match_rule) OVER (PARTITION BY c.subject, c.subject_id)
)
SELECT
    subject,
    subject_id,
    account_id,
    match_rule,
    count(*) OVER (PARTITION BY subject, subject_id) > 1 AS is_ambiguous,
    count(*) OVER (PARTITION BY subject, subject_id) AS candidate_accounts
FROM winning
QUALIFY row_number() OVER (PARTITION BY subject, subject_id ORDER BY created_at, account_id) = 1

-- §4 click touches: a conversion's email maps to an account as in §2 rules 2-3 (contact email, then the email's
-- non-free-mail domain); ties -> earliest-created then lowest account_id; is_ambiguous and candidate_accounts as for
-- referrals (D15).
WITH v AS (
    SELECT conversion_id, email_norm, email_domain, email_is_free_mail FROM stg_clicks__conversions
),
candidates AS (
    SELECT v.conversion_id, 2 AS match_rule, a.account_id, a.created_at
    FROM v
    JOIN stg_crm__contacts AS c ON c.email_norm = v.email_norm
    JOIN stg_crm__accounts AS a ON a.account_id = c.account_id      -- D13
    UNION
    SELECT v.conversion_id, 3, a.account_id, a.created_at
    FROM v JOIN stg_crm__accounts AS a ON a.domain_norm = v.email_domain
    WHERE NOT v.email_is_free_mail
),
winning AS (
    SELECT c.*
    FROM candidates AS c
    QUALIFY c.match_rule = min(c.match_rule) OVER (PARTITION BY c.conversion_id)
)
SELECT
    conversion_id,
    account_id,
    match_rule,
    count(*) OVER (PARTITION BY conversion_id) > 1 AS is_ambiguous,
    count(*) OVER (PARTITION BY conversion_id) AS candidate_accounts
FROM winning
QUALIFY row_number() OVER (PARTITION BY conversion_id ORDER BY created_at, account_id) = 1

-- §4 partner touches (partner, account, time, kind), before they are related to opportunities. Touch ids per D21.
--   referral: a matched referral that makes touches (not a duplicate, not rejected, not a self-referral, known
--             partner: int_referrals.makes_touch); time = submitted_at; evidence = the referral.
--   click:    D19 — a conversion at tc by visitor V, for each partner with a qualifying click by V (known code, known
--             partner, not a burst, §9) at tc − cookie_window_days ≤ clicked_at ≤ tc (D3): one touch per
--             (conversion, partner); evidence = that partner's last such click (ties: lowest click_id). The account is
--             the conversion email's (§2 rules 2-3); a conversion that maps to no account makes no touch.
--   activity: a CRM activity with a known partner_id; scope (D20): opportunity_id set -> that opportunity only (and its
--             account); else account_id; else the contact's account.
WITH referral_touches AS (
    SELECT
        'referral:' || r.referral_id AS touch_id,
        'referral' AS kind,
        r.partner_id,
        r.account_id,
        r.submitted_at AS touch_at,
        r.referral_id AS evidence_id,
        CAST(NULL AS VARCHAR) AS scope_opportunity_id
    FROM int_referrals AS r
    WHERE r.account_id IS NOT NULL
      AND r.is_known_partner
      AND NOT r.is_duplicate
      AND r.status IS DISTINCT FROM 'rejected'
      AND NOT r.is_self_referral
),
click_candidates AS (
    SELECT
        v.conversion_id,
        v.converted_at,
        m.account_id,
        c.partner_id,
        c.click_id,
        c.clicked_at
    FROM stg_clicks__conversions AS v
    JOIN int_account_matches AS m ON m.subject = 'conversion' AND m.subject_id = v.conversion_id
    JOIN int_clicks AS c ON c.visitor_id = v.visitor_id
    CROSS JOIN cfg_params AS p
    WHERE NOT c.is_burst
      AND c.clicked_at <= v.converted_at
      AND c.clicked_at >= v.converted_at - to_days(p.cookie_window_days)
),
click_touches AS (
    SELECT
        'click:' || conversion_id || ':' || partner_id AS touch_id,
        'click' AS kind,
        partner_id,
        account_id,
        converted_at AS touch_at,
        click_id AS evidence_id,
        CAST(NULL AS VARCHAR) AS scope_opportunity_id
    FROM click_candidates
    QUALIFY row_number() OVER (PARTITION BY conversion_id, partner_id ORDER BY clicked_at DESC, click_id) = 1
),
activity_touches AS (
    SELECT
        'activity:' || a.activity_id AS touch_id,
        'activity' AS kind,
        a.partner_id,
        CASE
            WHEN a.opportunity_id IS NOT NULL THEN coalesce(o.account_id, a.account_id, ct.account_id)
            ELSE coalesce(a.account_id, ct.account_id)
        END AS account_id,
        a.occurred_at AS touch_at,
        a.activity_id AS evidence_id,
        a.opportunity_id AS scope_opportunity_id
    FROM stg_crm__activities AS a
    JOIN stg_portal__partners AS pt ON pt.partner_id = a.partner_id
    LEFT JOIN stg_crm__opportunities AS o ON o.opportunity_id = a.opportunity_id
    LEFT JOIN stg_crm__contacts AS ct ON ct.contact_id = a.contact_id
)
SELECT * FROM referral_touches
UNION ALL
SELECT * FROM click_touches
UNION ALL
SELECT * FROM activity_touches

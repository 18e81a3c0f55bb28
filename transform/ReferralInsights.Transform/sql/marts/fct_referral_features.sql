-- Lead-quality features and label per referral (issue 5), for the model stage. Every feature is what was known when
-- the referral was submitted (no leakage):
--   the form: employee_count, industry, country, timeline, budget_confirmed, pain-point counts, contact seniority
--     (from the title), and the ICP fit flags of model.icp (an empty ICP list matches everything);
--   the partner: type, tier at submission (partner_tiers history, else partners.tier), tenure in days, and its
--     point-in-time history: earlier referrals whose label window had closed by this submission and how many of
--     them qualified within it (the partner's skill, without peeking at outcomes not yet known);
--   click engagement: the contact's tracked clicks on this partner's links before submission.
-- Label (model.label qualified_within_days): qualified_at ≤ submitted_at + model.label_days. label_known: that window
-- has closed by as_of (D1: submitted_at + label_days < as_of_end), so only such referrals train.
-- is_trainable: non-duplicate referrals of known partners with a known label.
WITH params AS (
    SELECT p.as_of_end, m.label_days, m.icp_min_employees, m.icp_max_employees,
           coalesce((SELECT list(value) FROM cfg_icp_pain_points), CAST([] AS VARCHAR[])) AS priority_pains
    FROM cfg_params AS p CROSS JOIN cfg_model AS m
),
base AS (
    SELECT
        r.referral_id, r.partner_id, r.submitted_at, r.employee_count, r.industry, r.country, r.timeline, r.budget_confirmed,
        r.contact_title, r.contact_email_norm,
        list_filter(list_transform(string_split(coalesce(r.pain_points, ''), ';'), t -> lower(trim(t))), t -> t <> '') AS pains,
        f.qualified_at, ir.is_duplicate, ir.is_known_partner,
        pt.type AS partner_type, pt.tier AS partner_tier_now, pt.joined_at
    FROM stg_portal__referrals AS r
    JOIN int_referrals AS ir USING (referral_id)
    JOIN int_referral_funnel AS f USING (referral_id)
    LEFT JOIN stg_portal__partners AS pt ON pt.partner_id = r.partner_id
),
labelled AS (
    SELECT
        b.*,
        coalesce(b.qualified_at <= b.submitted_at + to_days(p.label_days), false) AS label,
        b.submitted_at + to_days(p.label_days) < p.as_of_end AS label_known,
        b.submitted_at + to_days(p.label_days) AS label_known_at
    FROM base AS b CROSS JOIN params AS p
),
history AS (
    -- earlier referrals of the same partner whose label window closed before (or at) this submission, as running
    -- counts over one pass per partner: label events sort before submissions at the same instant (closed by then)
    SELECT referral_id, partner_prior_referrals, partner_prior_qualified
    FROM (
        SELECT
            referral_id,
            is_submission,
            CAST(sum(CASE WHEN is_submission THEN 0 ELSE 1 END) OVER w AS BIGINT) AS partner_prior_referrals,
            CAST(sum(CASE WHEN NOT is_submission AND label THEN 1 ELSE 0 END) OVER w AS BIGINT) AS partner_prior_qualified
        FROM (
            SELECT partner_id, label_known_at AS event_at, false AS is_submission, referral_id, label
            FROM labelled
            WHERE NOT is_duplicate AND label_known_at IS NOT NULL
            UNION ALL
            SELECT partner_id, submitted_at, true, referral_id, NULL
            FROM labelled
        )
        WINDOW w AS (PARTITION BY partner_id ORDER BY event_at, is_submission ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    )
    WHERE is_submission
),
tier_at_submission AS (
    SELECT r.referral_id, first(t.tier ORDER BY t.effective_from DESC) AS tier
    FROM base AS r JOIN stg_portal__partner_tiers AS t ON t.partner_id = r.partner_id AND t.effective_from <= r.submitted_at
    GROUP BY r.referral_id
),
clicks_before AS (
    SELECT r.referral_id, count(*) AS contact_clicks_before
    FROM base AS r
    JOIN stg_clicks__conversions AS v ON v.email_norm = r.contact_email_norm AND v.converted_at <= r.submitted_at
    JOIN int_clicks AS c ON c.visitor_id = v.visitor_id AND c.partner_id = r.partner_id AND c.clicked_at <= r.submitted_at
    WHERE NOT c.is_burst
    GROUP BY r.referral_id
)
SELECT
    l.referral_id,
    l.partner_id,
    l.submitted_at,
    l.employee_count,
    l.industry,
    l.country,
    coalesce(l.timeline, 'unknown') AS timeline,
    CASE l.budget_confirmed WHEN true THEN 'yes' WHEN false THEN 'no' ELSE 'unknown' END AS budget_confirmed,
    len(l.pains) AS pain_point_count,
    len(list_filter(l.pains, t -> list_contains(p.priority_pains, t))) AS priority_pain_point_count,
    CASE
        WHEN l.contact_title IS NULL OR trim(l.contact_title) = '' THEN 'unknown'
        WHEN regexp_matches(lower(l.contact_title), '\b(vp|svp|evp|vice president)\b') THEN 'vice_president'
        WHEN regexp_matches(lower(l.contact_title), '\b(chief|ceo|cfo|cto|coo|cio|cmo|cro|founder|president|owner)\b') THEN 'c_level'
        WHEN regexp_matches(lower(l.contact_title), '\bdirector\b') THEN 'director'
        WHEN regexp_matches(lower(l.contact_title), '\bhead\b') THEN 'head'
        WHEN regexp_matches(lower(l.contact_title), '\bmanager\b') THEN 'manager'
        ELSE 'individual_contributor'
    END AS contact_seniority,
    coalesce(l.employee_count BETWEEN p.icp_min_employees AND p.icp_max_employees, false) AS icp_size_fit,
    coalesce(NOT EXISTS (SELECT 1 FROM cfg_icp_industries)
        OR lower(trim(l.industry)) IN (SELECT value FROM cfg_icp_industries), false) AS icp_industry_fit,
    coalesce(NOT EXISTS (SELECT 1 FROM cfg_icp_countries)
        OR lower(trim(l.country)) IN (SELECT value FROM cfg_icp_countries), false) AS icp_country_fit,
    l.partner_type,
    coalesce(ts.tier, l.partner_tier_now) AS partner_tier,
    date_diff('day', l.joined_at, l.submitted_at) AS partner_tenure_days,
    h.partner_prior_referrals,
    CASE WHEN h.partner_prior_referrals > 0 THEN h.partner_prior_qualified / h.partner_prior_referrals END AS partner_prior_qualified_rate,
    coalesce(cb.contact_clicks_before, 0) AS contact_clicks_before,
    l.label,
    l.label_known,
    NOT l.is_duplicate AND l.is_known_partner AND l.label_known AS is_trainable
FROM labelled AS l
CROSS JOIN params AS p
JOIN history AS h USING (referral_id)
LEFT JOIN tier_at_submission AS ts USING (referral_id)
LEFT JOIN clicks_before AS cb USING (referral_id)

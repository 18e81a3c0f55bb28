-- §7 / D42 / D43 the assigned tier of each known partner over time, as date spans with the terms of rewards.tiers.
--   D42: the partner_tiers row with the latest effective_from ≤ t applies at t, compared by UTC date (a change
--   effective today applies to rewards earned today); equal dates → the later row in the file (a row superseded on its
--   own date never applies); t before the first row → the earliest tier (valid_from NULL); a partner without rows →
--   partners.tier for all time.
--   D43: a tier name not in rewards.tiers (case-insensitive) gets the lowest tier's terms; is_unknown_tier marks it.
--   Dated terms (rewards.effective_from, rewards.earlier_terms): the terms are those of the tier table in force on the
--   day (cfg_tiers applies_from ≤ d < applies_to), so a span crossing the day a new table took effect is split there;
--   terms_from names the table (NULL: the undated oldest one).
--   tier = the name of the tier whose terms apply; assigned_tier = the name as the portal wrote it.
-- Look up the span of a time t with: (valid_from IS NULL OR valid_from <= CAST(t AS DATE))
--                                     AND (valid_to IS NULL OR CAST(t AS DATE) < valid_to)
WITH history AS (
    SELECT
        t.partner_id,
        t.tier AS assigned_tier,
        CAST(t.effective_from AS DATE) AS effective_on,
        row_number() OVER (PARTITION BY t.partner_id ORDER BY CAST(t.effective_from AS DATE), t._source_file, t._line) AS n
    FROM stg_portal__partner_tiers AS t
    SEMI JOIN stg_portal__partners AS p USING (partner_id)
),
spans AS (
    SELECT partner_id, assigned_tier, effective_on AS valid_from, lead(effective_on) OVER (PARTITION BY partner_id ORDER BY n) AS valid_to, n
    FROM history
),
applied AS (
    SELECT
        partner_id,
        assigned_tier,
        CASE WHEN row_number() OVER (PARTITION BY partner_id ORDER BY n) > 1 THEN valid_from END AS valid_from,
        valid_to
    FROM spans
    WHERE valid_to IS NULL OR valid_to > valid_from
),
periods AS (
    SELECT * FROM applied
    UNION ALL
    SELECT p.partner_id, p.tier, CAST(NULL AS DATE), CAST(NULL AS DATE)
    FROM stg_portal__partners AS p
    ANTI JOIN history AS h USING (partner_id)
),
versions AS (
    SELECT DISTINCT terms_from, applies_from, applies_to FROM cfg_tiers
),
pieces AS (
    -- a span crossing the day a new tier table took effect splits there (NULL bounds are open: greatest/least skip them)
    SELECT
        s.partner_id, s.assigned_tier, v.terms_from, v.applies_from,
        greatest(s.valid_from, v.applies_from) AS valid_from,
        least(s.valid_to, v.applies_to) AS valid_to
    FROM periods AS s
    JOIN versions AS v
      ON (v.applies_to IS NULL OR s.valid_from IS NULL OR s.valid_from < v.applies_to)
     AND (v.applies_from IS NULL OR s.valid_to IS NULL OR v.applies_from < s.valid_to)
),
lowest AS (
    SELECT * FROM cfg_tiers QUALIFY row_number() OVER (PARTITION BY applies_from ORDER BY tier_rank) = 1
)
SELECT
    s.partner_id,
    s.valid_from,
    s.valid_to,
    s.assigned_tier,
    coalesce(t.name, l.name) AS tier,
    coalesce(t.tier_rank, l.tier_rank) AS tier_rank,
    t.name IS NULL AS is_unknown_tier,
    coalesce(t.upfront_bonus, l.upfront_bonus) AS upfront_bonus,
    coalesce(t.qualified_bonus, l.qualified_bonus) AS qualified_bonus,
    coalesce(t.commission_rate, l.commission_rate) AS commission_rate,
    s.terms_from
FROM pieces AS s
LEFT JOIN cfg_tiers AS t ON t.applies_from IS NOT DISTINCT FROM s.applies_from AND lower(trim(t.name)) = lower(trim(s.assigned_tier))
LEFT JOIN lowest AS l ON l.applies_from IS NOT DISTINCT FROM s.applies_from

-- §3 duplicates. Dedup key (D17): the matched account, else the normalized non-free-mail company domain, else the
-- normalized company name; the kind prefix keeps keys of different kinds apart. Per (partner, key), in order
-- (submitted_at, referral_id), a referral is a duplicate when the last KEPT referral (D16: kept = not itself a
-- duplicate, whatever its status) was submitted at most dedup_window_days before it (D3: Δ ≤ 90 d inclusive, exact
-- 24 h units). Kept referrals are therefore more than the window apart, so the kept referral in the window is
-- unique: duplicate_of (D17). A walk per group (recursive CTE) because "kept" depends on earlier decisions.
WITH RECURSIVE keyed AS MATERIALIZED (
    SELECT
        r.referral_id,
        r.partner_id,
        r.submitted_at,
        CASE
            WHEN m.account_id IS NOT NULL THEN 'account:' || m.account_id
            WHEN r.company_domain_norm IS NOT NULL THEN 'domain:' || r.company_domain_norm
            WHEN r.company_name_norm IS NOT NULL THEN 'name:' || r.company_name_norm
        END AS dedup_key
    FROM stg_portal__referrals AS r
    LEFT JOIN int_account_matches AS m ON m.subject = 'referral' AND m.subject_id = r.referral_id
),
seq AS MATERIALIZED (
    SELECT
        *,
        row_number() OVER (PARTITION BY partner_id, dedup_key ORDER BY submitted_at, referral_id) AS pos
    FROM keyed
    WHERE dedup_key IS NOT NULL
),
walk AS (
    SELECT s.referral_id, s.partner_id, s.dedup_key, s.pos, s.referral_id AS anchor_id, s.submitted_at AS anchor_at,
           false AS is_duplicate
    FROM seq AS s
    WHERE s.pos = 1
    UNION ALL
    SELECT
        s.referral_id, s.partner_id, s.dedup_key, s.pos,
        CASE WHEN s.submitted_at <= w.anchor_at + to_days(p.dedup_window_days) THEN w.anchor_id ELSE s.referral_id END,
        CASE WHEN s.submitted_at <= w.anchor_at + to_days(p.dedup_window_days) THEN w.anchor_at ELSE s.submitted_at END,
        s.submitted_at <= w.anchor_at + to_days(p.dedup_window_days)
    FROM walk AS w
    JOIN seq AS s ON s.partner_id = w.partner_id AND s.dedup_key = w.dedup_key AND s.pos = w.pos + 1
    CROSS JOIN cfg_params AS p
)
SELECT
    k.referral_id,
    k.dedup_key,
    coalesce(w.is_duplicate, false) AS is_duplicate,
    CASE WHEN w.is_duplicate THEN w.anchor_id END AS duplicate_of
FROM keyed AS k
LEFT JOIN walk AS w USING (referral_id)

-- §7 / D49-D51 the annual cap (rewards.caps.per_partner_per_year, rounded to cents): the amount each reward counts for
-- in its partner's calendar-year running total (UTC year of earned_at), in cap order (earned_at, clawbacks after other
-- rewards at the same instant, reward_id). Rewards withheld for another reason never count (D49).
-- Read sequentially, with T the year's running total before a reward:
--   a reward:   counted = least(amount, cap − T): the whole amount while it fits (landing exactly on the cap stays
--               payable), the room left when it crosses (capped), 0 once the cap is reached (withheld);
--   a clawback: counted = −(its commission's counted amount) (D50): it lowers the year's running total, so later
--               rewards may fill the freed room (not sticky); 0 when the commission was withheld (no clawback).
-- Set-based form of that walk: a running total capped from above only, T_k = least(cap, T_k−1 + x_k), equals
-- S_k − O_k, where S_k is the uncapped running total Σ x_j (j ≤ k) and O_k = greatest(0, max_j≤k (S_j − cap)) is the
-- overflow cut so far; a reward counts T_k − T_k−1. A clawback's x is −(its commission's counted amount), which the
-- same pass computes, so passes repeat (recursive CTE: each pass reads the previous one) until no amount changes:
-- pass 0 counts everything whole, and each pass settles at least the next clawback whose commission was cut, so the
-- fixpoint — exactly the sequential result — comes after a few passes. Only partners with a calendar year whose
-- positive amounts exceed the cap take part: for the others nothing is ever cut and every reward counts whole.
-- One row per reward of int_reward_candidates not withheld before the cap; year_total = the partner's running total of
-- that calendar year after the reward.
WITH RECURSIVE p AS (
    SELECT cents(per_partner_per_year_cap) AS cap FROM cfg_params
),
counted AS MATERIALIZED (
    SELECT
        reward_id, partner_id, earned_at, year(earned_at) AS cap_year, amount, type = 'clawback' AS is_clawback,
        commission_reward_id
    FROM int_reward_candidates
    WHERE withholding IS NULL
),
capped_partners AS (
    SELECT DISTINCT c.partner_id
    FROM counted AS c
    CROSS JOIN p
    GROUP BY c.partner_id, c.cap_year, p.cap
    HAVING sum(c.amount) FILTER (WHERE c.amount > 0) > p.cap
),
walked AS MATERIALIZED (
    SELECT c.*, p.cap FROM counted AS c SEMI JOIN capped_partners USING (partner_id) CROSS JOIN p
),
passes(pass, reward_id, counted_amount, year_total) AS (
    SELECT 0, reward_id, amount, CAST(NULL AS DECIMAL(18,2)) FROM walked
    UNION ALL
    SELECT pass, reward_id, counted_amount, year_total
    FROM (
        SELECT
            n.reward_id,
            previous.pass + 1 AS pass,
            CAST(n.year_total - coalesce(lag(n.year_total) OVER w, 0) AS DECIMAL(18,2)) AS counted_amount,
            CAST(n.year_total AS DECIMAL(18,2)) AS year_total,
            previous.counted_amount AS previous_amount,
            previous.year_total AS previous_total,
            n.partner_id, n.cap_year, n.earned_at, n.is_clawback
        FROM (
            SELECT *, running - greatest(0, max(running - cap) OVER w) AS year_total            -- T = S − O
            FROM (
                SELECT *, sum(x) OVER w AS running                                                -- S
                FROM (
                    SELECT w.*, CASE WHEN w.is_clawback THEN -commission.counted_amount ELSE w.amount END AS x
                    FROM walked AS w
                    LEFT JOIN passes AS commission ON commission.reward_id = w.commission_reward_id
                )
                WINDOW w AS (PARTITION BY partner_id, cap_year ORDER BY earned_at, is_clawback, reward_id)
            )
            WINDOW w AS (PARTITION BY partner_id, cap_year ORDER BY earned_at, is_clawback, reward_id)
        ) AS n
        JOIN passes AS previous USING (reward_id)
        WINDOW w AS (PARTITION BY n.partner_id, n.cap_year ORDER BY n.earned_at, n.is_clawback, n.reward_id)
    )
    QUALIFY bool_or(counted_amount IS DISTINCT FROM previous_amount OR year_total IS DISTINCT FROM previous_total) OVER ()
)
SELECT reward_id, counted_amount, year_total
FROM passes
QUALIFY pass = max(pass) OVER ()
UNION ALL
SELECT
    c.reward_id,
    c.amount,
    CAST(sum(c.amount) OVER (PARTITION BY c.partner_id, c.cap_year ORDER BY c.earned_at, c.is_clawback, c.reward_id) AS DECIMAL(18,2))
FROM counted AS c
ANTI JOIN capped_partners USING (partner_id)

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
-- overflow cut so far; so a reward counts x_k − (O_k − O_k−1). A clawback's x is −(its commission's counted amount),
-- which the same pass computes, so passes repeat (recursive CTE, USING KEY reward_id; each pass reads the previous one
-- in `recurring.passes`) until no amount changes: pass 0 counts everything whole, and each pass settles at least the
-- next clawback whose commission was cut, so the fixpoint is reached after at most (such clawbacks + 2) passes and is
-- exactly the sequential result. Without a cap every reward counts whole.
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
passes(reward_id, counted_amount, year_total) USING KEY (reward_id) AS (
    SELECT reward_id, amount, CAST(NULL AS DECIMAL(18,2)) FROM counted
    UNION
    SELECT n.reward_id, n.counted_amount, n.year_total
    FROM (
        SELECT
            reward_id,
            CAST(x - (overflow - coalesce(lag(overflow) OVER w, 0)) AS DECIMAL(18,2)) AS counted_amount,
            CAST(running - overflow AS DECIMAL(18,2)) AS year_total
        FROM (
            SELECT *, greatest(0, coalesce(max(running - cap) OVER w, 0)) AS overflow
            FROM (
                SELECT c.*, x.x, p.cap, sum(x.x) OVER w AS running
                FROM counted AS c
                LEFT JOIN recurring.passes AS commission ON commission.reward_id = c.commission_reward_id
                CROSS JOIN LATERAL (SELECT CASE WHEN c.is_clawback THEN -commission.counted_amount ELSE c.amount END AS x) AS x
                CROSS JOIN p
                WINDOW w AS (PARTITION BY c.partner_id, c.cap_year ORDER BY c.earned_at, c.is_clawback, c.reward_id)
            )
            WINDOW w AS (PARTITION BY partner_id, cap_year ORDER BY earned_at, is_clawback, reward_id)
        )
        WINDOW w AS (PARTITION BY partner_id, cap_year ORDER BY earned_at, is_clawback, reward_id)
    ) AS n
    JOIN recurring.passes AS previous USING (reward_id)
    WHERE (n.counted_amount IS DISTINCT FROM previous.counted_amount OR n.year_total IS DISTINCT FROM previous.year_total)
      AND EXISTS (SELECT 1 FROM passes)
)
SELECT reward_id, counted_amount, year_total
FROM passes

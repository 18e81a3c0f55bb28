-- Mart: reconciliation of rewards against payout lines (§10, D59/D60); every payout line is in exactly one row.
--   A reward row exists when the reward is due (payable or capped, UTC date of earned_at ≤ as_of − payment_lag_days,
--   D4) or when a payout line names it (even not yet due, even withheld).
--   expected = the reward's amount (0 when withheld); paid = Σ its payout lines in the program currency (int_payouts);
--   difference = paid − expected (> 0: the partner holds more than it is owed; clawbacks reconcile the same way with
--   negative amounts).
--   status, in precedence order: paid_but_withheld (a withheld reward with a payout line), duplicate_payment (≥ 2
--   lines, whatever the sum), missing_fx_rate (its one line is in a currency without a rate: paid and difference are
--   NULL; an addition to §10), matched (|difference| < 0.005), underpaid, overpaid, unpaid (no line).
--   orphan_payment: a line whose reward_id is empty or names no reward: one row per line (expected 0).
-- is_due tells due rewards from those only present because they were paid early.
WITH p AS (
    SELECT as_of, payment_lag_days FROM cfg_params
),
paid_rewards AS (
    SELECT
        o.reward_id,
        list(o.payout_id ORDER BY o.payout_id) AS payout_ids,
        CAST(CASE WHEN count(o.amount_usd) = count(*) THEN sum(o.amount_usd) END AS DECIMAL(18,2)) AS paid,
        count(*) AS lines
    FROM int_payouts AS o
    SEMI JOIN fct_rewards AS r USING (reward_id)
    GROUP BY o.reward_id
),
reward_rows AS (
    SELECT
        r.reward_id,
        coalesce(x.payout_ids, CAST([] AS VARCHAR[])) AS payout_ids,
        r.partner_id,
        CASE WHEN r.status = 'withheld' THEN CAST(0 AS DECIMAL(18,2)) ELSE r.amount END AS expected,
        CASE WHEN x.reward_id IS NULL THEN CAST(0 AS DECIMAL(18,2)) ELSE x.paid END AS paid,
        coalesce(x.lines, 0) AS lines,
        r.status AS reward_status,
        r.status <> 'withheld' AND CAST(r.earned_at AS DATE) <= p.as_of - to_days(p.payment_lag_days) AS is_due,
        r.earned_at
    FROM fct_rewards AS r
    LEFT JOIN paid_rewards AS x USING (reward_id)
    CROSS JOIN p
)
SELECT
    reward_id,
    payout_ids,
    partner_id,
    expected,
    paid,
    CAST(paid - expected AS DECIMAL(18,2)) AS difference,
    CASE
        WHEN reward_status = 'withheld' THEN 'paid_but_withheld'
        WHEN lines >= 2 THEN 'duplicate_payment'
        WHEN lines = 1 AND paid IS NULL THEN 'missing_fx_rate'
        WHEN lines = 1 AND abs(paid - expected) < 0.005 THEN 'matched'
        WHEN lines = 1 AND paid < expected THEN 'underpaid'
        WHEN lines = 1 THEN 'overpaid'
        ELSE 'unpaid'
    END AS status,
    is_due,
    earned_at
FROM reward_rows
WHERE is_due OR lines > 0
UNION ALL
SELECT
    o.reward_id,
    [o.payout_id],
    o.partner_id,
    CAST(0 AS DECIMAL(18,2)),
    o.amount_usd,
    o.amount_usd,
    'orphan_payment',
    false,
    CAST(NULL AS TIMESTAMP)
FROM int_payouts AS o
ANTI JOIN fct_rewards AS r USING (reward_id)

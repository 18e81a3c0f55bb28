-- Mart: one row per compliance flag (§8) of int_compliance_flags, every rule's flags: block/review flags withhold the
-- rewards they cover (D54), except ineligible_partner, whose rewards are withheld by the rule itself; info flags
-- withhold nothing.
-- Review (compliance.review_decisions, int_review_decisions), for severity review only, else NULL:
--   review_status  waiting (no decision by as_of), cleared (its rewards are released) or upheld (they stay withheld);
--   decided_by, decided_at, decision_note: the standing decision; days_waiting: whole days from raised_at to as_of
--   while waiting, else to the decision.
-- withheld_rewards, withheld_amount: the rewards this flag withholds at as_of (fct_rewards.flag_ids lists it; for
-- ineligible_partner, its reward); released_rewards, released_amount: those a clearing released.
WITH held AS (
    SELECT flag_id, count(*) AS rewards, sum(amount) AS amount
    FROM (SELECT unnest(flag_ids) AS flag_id, amount FROM fct_rewards WHERE status = 'withheld'
          UNION ALL
          SELECT 'ineligible_partner:' || reward_id, amount FROM fct_rewards WHERE status = 'withheld' AND reason LIKE '%ineligible_partner%')
    GROUP BY flag_id
),
released AS (
    SELECT flag_id, count(*) AS rewards, sum(amount) AS amount
    FROM (SELECT unnest(cleared_flag_ids) AS flag_id, amount FROM fct_rewards)
    GROUP BY flag_id
)
SELECT
    f.flag_id, f.rule, f.severity, f.partner_id, f.referral_id, f.opportunity_id, f.detail, f.raised_at,
    CASE WHEN f.severity = 'review' THEN coalesce(d.decision, 'waiting') END AS review_status,
    d.decided_by,
    d.decided_at,
    d.why AS decision_note,
    CASE WHEN f.severity = 'review'
         THEN greatest(0, date_diff('day', CAST(f.raised_at AS DATE), coalesce(CAST(d.decided_at AS DATE), p.as_of))) END AS days_waiting,
    coalesce(h.rewards, 0) AS withheld_rewards,
    CAST(coalesce(h.amount, 0) AS DECIMAL(18,2)) AS withheld_amount,
    coalesce(x.rewards, 0) AS released_rewards,
    CAST(coalesce(x.amount, 0) AS DECIMAL(18,2)) AS released_amount
FROM int_compliance_flags AS f
CROSS JOIN cfg_params AS p
LEFT JOIN int_review_decisions AS d ON d.flag_id = f.flag_id AND d.applies
LEFT JOIN held AS h ON h.flag_id = f.flag_id
LEFT JOIN released AS x ON x.flag_id = f.flag_id

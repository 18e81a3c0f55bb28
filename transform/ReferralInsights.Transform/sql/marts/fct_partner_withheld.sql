-- Mart: partner × reason — the partner's withheld rewards by the reason they are held (a reward held for several
-- reasons counts once under its reason list, as fct_rewards states it).
SELECT partner_id, reason, count(*) AS rewards, sum(amount) AS amount
FROM fct_rewards
WHERE status = 'withheld'
GROUP BY partner_id, reason

-- Mart: one row per partner with a reward — what its rewards add up to, all time: cost = what the program pays or owes
-- (payable and capped rewards, clawbacks netted), split into commission (net of clawbacks) and bonuses (upfront,
-- milestone, assist); withheld (listed, not paid until released); and what the caps cut off (uncapped − amount of
-- capped rewards). The what-if compares these between the published and a candidate rewards table.
SELECT
    partner_id,
    coalesce(sum(amount) FILTER (WHERE counts_as_cost(status)), 0) AS cost,
    coalesce(sum(amount) FILTER (WHERE counts_as_cost(status) AND type IN ('commission', 'clawback')), 0) AS commission,
    coalesce(sum(amount) FILTER (WHERE counts_as_cost(status) AND type NOT IN ('commission', 'clawback')), 0) AS bonuses,
    coalesce(sum(amount) FILTER (WHERE status = 'withheld'), 0) AS withheld,
    coalesce(sum(uncapped_amount - amount) FILTER (WHERE status = 'capped'), 0) AS cut_by_caps
FROM fct_rewards
GROUP BY partner_id

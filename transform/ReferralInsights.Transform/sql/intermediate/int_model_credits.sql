-- §5 every attribution model's credit for each sourcing partner of an opportunity, before disputes: the models' own
-- rules (int_credit__<model>), except that a lone sourcing partner gets 1 in every model. DECIMAL(38,18), quotients
-- rounded half away from zero at 18 decimals (div18).
WITH credits AS (
    SELECT 'first_touch' AS model, * FROM int_credit__first_touch
    UNION ALL SELECT 'last_touch', * FROM int_credit__last_touch
    UNION ALL SELECT 'linear', * FROM int_credit__linear
    UNION ALL SELECT 'time_decay', * FROM int_credit__time_decay
    UNION ALL SELECT 'position_based', * FROM int_credit__position_based
    UNION ALL SELECT 'primary_share', * FROM int_credit__primary_share
    UNION ALL SELECT 'shapley', * FROM int_credit__shapley
)
SELECT
    c.opportunity_id,
    c.partner_id,
    c.model,
    CAST(CASE WHEN r.n = 1 THEN 1 ELSE c.credit END AS DECIMAL(38,18)) AS credit,
    CASE WHEN r.n = 1 THEN 'only sourcing partner' ELSE c.decision END AS decision
FROM credits AS c
JOIN int_sourcing_ranks AS r USING (opportunity_id, partner_id)

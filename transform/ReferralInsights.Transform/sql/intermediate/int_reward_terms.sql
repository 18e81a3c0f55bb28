-- §7 every reward the four earning rules (int_earn__upfront, __milestone, __commission, __assist) give a known partner
-- (D18), priced by the partner's tier at earned_at (int_partner_tiers, D42/D43): the tier's upfront or qualified bonus,
-- rewards.assist_bonus, or basis × commission_rate. Amounts are rounded half away from zero to cents once (D10); a
-- computed amount of 0 is not a reward (D46). Per-deal cap (D48): a commission whose exact amount is above
-- rewards.caps.per_deal is cut to the cap before rounding (is_per_deal_capped); uncapped_amount is the amount before.
WITH earnings AS (
    SELECT * FROM int_earn__upfront
    UNION ALL SELECT * FROM int_earn__milestone
    UNION ALL SELECT * FROM int_earn__commission
    UNION ALL SELECT * FROM int_earn__assist
),
priced AS (
    SELECT
        e.*,
        t.tier,
        CASE WHEN e.type = 'commission' THEN t.commission_rate END AS rate,
        CASE e.type
            WHEN 'upfront' THEN CAST(t.upfront_bonus AS DECIMAL(38,26))
            WHEN 'milestone' THEN CAST(t.qualified_bonus AS DECIMAL(38,26))
            WHEN 'assist' THEN CAST(p.assist_bonus AS DECIMAL(38,26))
            WHEN 'commission' THEN CAST(e.basis_exact * t.commission_rate AS DECIMAL(38,26))   -- exact: 2 + 18 + 6 decimals
        END AS amount_exact,
        p.per_deal_cap
    FROM earnings AS e
    JOIN stg_portal__partners AS pt USING (partner_id)
    JOIN int_partner_tiers AS t
        ON t.partner_id = e.partner_id
       AND (t.valid_from IS NULL OR t.valid_from <= CAST(e.earned_at AS DATE))
       AND (t.valid_to IS NULL OR CAST(e.earned_at AS DATE) < t.valid_to)
    CROSS JOIN cfg_params AS p
)
SELECT
    *,
    coalesce(type = 'commission' AND amount_exact > per_deal_cap, false) AS is_per_deal_capped,
    cents(amount_exact) AS uncapped_amount,
    cents(CASE WHEN type = 'commission' AND amount_exact > per_deal_cap THEN per_deal_cap ELSE amount_exact END) AS amount
FROM priced
WHERE cents(amount_exact) <> 0

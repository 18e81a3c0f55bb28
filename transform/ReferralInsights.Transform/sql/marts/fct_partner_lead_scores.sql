-- Mart: partner × lead-score tenth — how many of the partner's referrals (duplicates left out) the lead-quality model
-- scored in [bucket/10, (bucket+1)/10), a score of exactly 1 in the top tenth. Only tenths with referrals have a row.
SELECT
    partner_id,
    CAST(least(floor(lead_score * 10), 9) AS INTEGER) AS bucket,
    count(*) AS referrals
FROM fct_referrals
WHERE NOT is_duplicate AND lead_score IS NOT NULL
GROUP BY ALL

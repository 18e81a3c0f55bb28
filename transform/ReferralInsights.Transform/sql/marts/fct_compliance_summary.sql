-- Mart: rule × severity — how many compliance flags fct_compliance_flags raised and how many partners they concern.
SELECT rule, severity, count(*) AS flags, count(DISTINCT partner_id) AS partners
FROM fct_compliance_flags
GROUP BY rule, severity

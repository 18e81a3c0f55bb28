-- Effective-dated fx rates valid from on or before as_of (D2); currency upper-cased (D11). _source_file/_line kept
-- so equal valid_from dates resolve to the later row in the file.
SELECT
    upper(trim(f.currency)) AS currency,
    f.rate,
    f.valid_from,
    f._source_file,
    f._line
FROM raw_crm__fx_rates AS f
CROSS JOIN cfg_params AS p
WHERE f.valid_from < p.as_of_end

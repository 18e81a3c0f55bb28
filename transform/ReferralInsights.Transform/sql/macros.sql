-- Scalar macros shared by the models (rules.md §1). Created before the models run.

-- §1 / D7 domain: trim, lower-case; strip scheme, user@, path/query/fragment, port, a trailing dot and one leading
-- "www."; no sub-domain folding; empty -> NULL.
CREATE OR REPLACE MACRO norm_domain(x) AS
    nullif(
        regexp_replace(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(
                            regexp_replace(lower(trim(x)), '^[a-z][a-z0-9+.\-]*://', ''),  -- scheme
                            '[/?#].*$', ''),                                                  -- path, query, fragment
                        '^.*@', ''),                                                          -- user@
                    ':[0-9]*$', ''),                                                          -- port
                '\.$', ''),                                                                   -- trailing dot
            '^www\.', ''),                                                                    -- one leading www.
        '');

-- §1 email domain: the part after the last '@', lower-cased (trimmed); no '@' or nothing after it -> NULL.
CREATE OR REPLACE MACRO email_domain(x) AS
    CASE WHEN strpos(x, '@') > 0 THEN nullif(lower(trim(regexp_extract(x, '@([^@]*)$', 1))), '') END;

-- Email compared case-insensitively (§2 rule 2).
CREATE OR REPLACE MACRO norm_email(x) AS nullif(lower(trim(x)), '');

-- §1 free-mail domains never identify a company (D9).
CREATE OR REPLACE MACRO is_free_mail(d) AS d IN (SELECT domain FROM cfg_free_mail_domains);

-- §1 / D8 company name: NFC, lower-case, delete every character that is not a letter, digit or whitespace
-- (AT&T -> att, Acme-Corp -> acmecorp), collapse whitespace, then strip trailing legal suffixes repeatedly but never
-- the only remaining token (the lazy first group keeps at least one token). Empty -> NULL.
CREATE OR REPLACE MACRO norm_company(x) AS
    nullif(
        regexp_replace(
            trim(regexp_replace(
                regexp_replace(lower(nfc_normalize(x)), '[^\p{L}\p{Nd}\s\p{Zs}]', '', 'g'),
                '[\s\p{Zs}]+', ' ', 'g')),
            '^(\S.*?)((?: (?:inc|incorporated|llc|ltd|limited|gmbh|corp|corporation|co|company|sa|ag|plc|bv|srl|oy|ab))+)$',
            '\1'),
        '');

-- Exact DECIMAL -> HUGEINT in units of 1e-18 (x is first cast to DECIMAL(38,18), |x| < 1e20).
CREATE OR REPLACE MACRO dec_raw18(x) AS
    CAST(trunc(CAST(x AS DECIMAL(38,18))) AS HUGEINT) * CAST(1000000000000000000 AS HUGEINT)
    + CAST((CAST(x AS DECIMAL(38,18)) - trunc(CAST(x AS DECIMAL(38,18)))) * CAST(1000000000000000000 AS DECIMAL(19,0)) AS HUGEINT);

-- x / y rounded half away from zero to `d` decimals, in exact integer arithmetic (DuckDB's DECIMAL division returns
-- DOUBLE, which cannot round half-cents reliably). NULL when y is 0 or NULL. Result as HUGEINT units of 10^-d.
CREATE OR REPLACE MACRO div_round_units(x, y, d) AS
    CASE WHEN y IS NOT NULL AND y <> 0 THEN
        sign(dec_raw18(x)) * sign(dec_raw18(y))
        * ((2 * abs(dec_raw18(x)) * CAST(pow(10, d) AS HUGEINT) + abs(dec_raw18(y))) // (2 * abs(dec_raw18(y))))
    END;

-- x / y as DECIMAL(38,18), rounded half away from zero at 18 decimals (credits). |x| must stay below ~170.
CREATE OR REPLACE MACRO div18(x, y) AS
    CAST(div_round_units(x, y, 18) AS DECIMAL(38,0)) * CAST(0.000000000000000001 AS DECIMAL(38,18));

-- x / y rounded half away from zero to cents, as DECIMAL(18,2) (money averages).
CREATE OR REPLACE MACRO div_cents(x, y) AS
    CAST(CAST(div_round_units(x, y, 2) AS DECIMAL(38,0)) * CAST(0.01 AS DECIMAL(3,2)) AS DECIMAL(18,2));

-- Money rounded once, half away from zero, to cents (DuckDB's round on DECIMAL rounds half away from zero).
CREATE OR REPLACE MACRO cents(x) AS CAST(round(x, 2) AS DECIMAL(18,2));

-- An amount times a credit, exact for credits with at most 14 decimals (DECIMAL(38,26): up to 1e12 per term).
CREATE OR REPLACE MACRO credited(amount, credit) AS CAST(amount AS DECIMAL(38,12)) * CAST(credit AS DECIMAL(38,14));

-- D6 period labels: months calendar (2025-03); quarters and years fiscal, labelled by the calendar year in which the
-- fiscal year starts (2025-Q1, 2025). fs = funnel.fiscal_year_start_month.
CREATE OR REPLACE MACRO fiscal_year(ts, fs) AS year(ts) - CASE WHEN month(ts) < fs THEN 1 ELSE 0 END;
CREATE OR REPLACE MACRO period_label(ts, ptype, fs) AS
    CASE ptype
        WHEN 'month' THEN strftime(ts, '%Y-%m')
        WHEN 'quarter' THEN CAST(fiscal_year(ts, fs) AS VARCHAR) || '-Q' || CAST((month(ts) - fs + 12) % 12 // 3 + 1 AS VARCHAR)
        WHEN 'year' THEN CAST(fiscal_year(ts, fs) AS VARCHAR)
    END;

-- The first month of the fiscal quarter and of the fiscal year that month start m falls in.
CREATE OR REPLACE MACRO fiscal_quarter_start(m, fs) AS m - to_months((month(m) - fs + 12) % 12 % 3);
CREATE OR REPLACE MACRO fiscal_year_start(m, fs) AS m - to_months((month(m) - fs + 12) % 12);

-- The calendar of the months [first_month, last_month] (month starts): each month, fiscal quarter and fiscal year they
-- touch, once, with its instants [period_start, period_end). No rows when first_month is NULL.
CREATE OR REPLACE MACRO fiscal_calendar(first_month, last_month, fs) AS TABLE
    WITH months AS (SELECT unnest(generate_series(first_month, last_month, INTERVAL 1 MONTH)) AS m)
    SELECT 'month' AS period_type, period_label(m, 'month', fs) AS period, m AS period_start, m + INTERVAL 1 MONTH AS period_end
    FROM months
    UNION
    SELECT 'quarter', period_label(m, 'quarter', fs), fiscal_quarter_start(m, fs), fiscal_quarter_start(m, fs) + INTERVAL 3 MONTH
    FROM months
    UNION
    SELECT 'year', period_label(m, 'year', fs), fiscal_year_start(m, fs), fiscal_year_start(m, fs) + INTERVAL 12 MONTH
    FROM months;

-- The trailing twelve months (period_type trailing_12m, period 'T12M'): D64's window of the tier review, the UTC dates
-- in (as_of − 1 year, as_of], as the instants [trailing_12m_start(), as_of_end).
CREATE OR REPLACE MACRO trailing_12m_start() AS (SELECT CAST(CAST(as_of - INTERVAL 1 YEAR AS DATE) + 1 AS TIMESTAMP) FROM cfg_params);

-- The reporting periods of an instant: its month, fiscal quarter and fiscal year (D6 labels) and the trailing twelve
-- months when it falls in them. unnest(periods_of(ts), recursive := true) gives one (period_type, period) row each.
-- (The fiscal start and as_of are uncorrelated scalar subqueries: a struct list inside a correlated subquery fails to
-- bind in DuckDB.)
CREATE OR REPLACE MACRO periods_of(ts) AS list_filter([
    {'period_type': 'month', 'period': period_label(ts, 'month', (SELECT fiscal_year_start_month FROM cfg_params))},
    {'period_type': 'quarter', 'period': period_label(ts, 'quarter', (SELECT fiscal_year_start_month FROM cfg_params))},
    {'period_type': 'year', 'period': period_label(ts, 'year', (SELECT fiscal_year_start_month FROM cfg_params))},
    CASE WHEN ts >= trailing_12m_start() AND ts < (SELECT as_of_end FROM cfg_params)
         THEN {'period_type': 'trailing_12m', 'period': 'T12M'} END
], x -> x.period IS NOT NULL);

-- Evidence text (compliance details, tier reasons): UTC dates and instants, money in the program currency with
-- thousands separators and cents only when there are any ($412,300 / $1,234.50 / -$12.00 → "-$12").
CREATE OR REPLACE MACRO day_text(ts) AS strftime(ts, '%Y-%m-%d');
CREATE OR REPLACE MACRO instant_text(ts) AS strftime(ts, '%Y-%m-%d %H:%M:%S UTC');
CREATE OR REPLACE MACRO money_text(x) AS
    CASE WHEN x < 0 THEN '-' ELSE '' END
    || (SELECT CASE program_currency WHEN 'USD' THEN '$' WHEN 'EUR' THEN '€' WHEN 'GBP' THEN '£' ELSE program_currency || ' ' END
        FROM cfg_params)
    || format('{:,}', CAST(trunc(abs(cents(x))) AS HUGEINT))
    || CASE WHEN abs(cents(x)) <> trunc(abs(cents(x)))
            THEN '.' || lpad(CAST(CAST((abs(cents(x)) - trunc(abs(cents(x)))) * 100 AS INTEGER) AS VARCHAR), 2, '0') ELSE '' END;
-- Text for the decision column of fct_attribution: a decimal without trailing zeros (0.600… -> 0.6, 1.000… -> 1) and
-- an instant as 'YYYY-MM-DD HH:MM:SS' (UTC).
CREATE OR REPLACE MACRO num_text(x) AS regexp_replace(regexp_replace(CAST(x AS VARCHAR), '(\.[0-9]*?)0+$', '\1'), '\.$', '');
CREATE OR REPLACE MACRO ts_text(t) AS strftime(t, '%Y-%m-%d %H:%M:%S');

-- §10: a reward is a cost of the program (earned, payable now or later) when it is payable or capped; withheld rewards
-- cost nothing until released.
CREATE OR REPLACE MACRO counts_as_cost(status) AS status IN ('payable', 'capped');

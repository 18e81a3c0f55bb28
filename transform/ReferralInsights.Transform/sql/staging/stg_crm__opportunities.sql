-- Opportunities as they stood at as_of. A repeated opportunity_id keeps the row with the newest updated_at, else the
-- last landed row (int_dq__conflicting_versions reports disagreeing repeats).
-- D2: created after as_of -> dropped; a close after as_of did not happen (status open, closed_at NULL);
--     refunded_at after as_of -> NULL.
-- D66: won/lost without closed_at closes at updated_at, else created_at (closed_without_date marks it).
-- D11: currency upper-cased, empty = USD. An open deal carries no closed_at.
WITH src AS (
    SELECT
        o.*,
        lower(trim(o.status)) AS status_in,
        lower(trim(o.status)) IN ('won', 'lost') AS is_closed_in,
        p.as_of_end
    FROM raw_crm__opportunities AS o
    CROSS JOIN cfg_params AS p
    WHERE o.created_at < p.as_of_end
    QUALIFY row_number() OVER (PARTITION BY o.opportunity_id ORDER BY o.updated_at DESC NULLS LAST, o._ingested_at DESC, o._source_file DESC, o._line DESC) = 1
),
closed AS (
    SELECT
        *,
        CASE WHEN is_closed_in THEN coalesce(closed_at, updated_at, created_at) END AS closed_at_eff
    FROM src
)
SELECT
    opportunity_id,
    account_id,
    name,
    amount,
    coalesce(upper(nullif(trim(currency), '')), 'USD') AS currency,
    stage,
    CASE
        WHEN is_closed_in AND closed_at_eff < as_of_end THEN status_in
        WHEN is_closed_in THEN 'open'                                   -- D2: closes after as_of
        ELSE status_in
    END AS status,
    created_at,
    CASE WHEN closed_at_eff < as_of_end THEN closed_at_eff END AS closed_at,
    CASE WHEN refunded_at < as_of_end THEN refunded_at END AS refunded_at,
    partner_id AS crm_partner_id,
    lead_source,
    updated_at,
    is_closed_in AND closed_at IS NULL AND closed_at_eff < as_of_end AS closed_without_date
FROM closed

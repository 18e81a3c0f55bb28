-- The decision that stands on each flag named in the review decisions file (compliance.review_decisions): the latest
-- one made by as_of (decided_at < as_of_end; equal times → the later entry of the file). A decision made after as_of
-- does not exist yet for the run, so a rerun at an earlier as-of publishes what it published then.
--   applies: the flag exists and has severity review — only review flags can be cleared or upheld; a decision on any
--   other flag id is reported by fct_data_quality (ignored_review_decision) and changes nothing.
SELECT
    d.flag_id,
    d.decision,
    d.decided_by,
    d.decided_at,
    d.why,
    f.severity,
    coalesce(f.severity = 'review', false) AS applies
FROM cfg_review_decisions AS d
CROSS JOIN cfg_params AS p
LEFT JOIN int_compliance_flags AS f USING (flag_id)
WHERE d.decided_at < p.as_of_end
QUALIFY row_number() OVER (PARTITION BY d.flag_id ORDER BY d.decided_at DESC, d.entry DESC) = 1

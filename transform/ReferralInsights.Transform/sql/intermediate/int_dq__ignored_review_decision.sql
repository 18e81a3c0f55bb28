-- Data-quality check ignored_review_decision: a standing review decision (compliance.review_decisions) on a flag id
-- that is no review flag at as_of changes nothing.
SELECT 'decisions/reviews' AS entity, d.flag_id AS entity_id,
       d.decision || ' by ' || d.decided_by || ' on ' || instant_text(d.decided_at) || ' names '
       || CASE WHEN d.severity IS NULL THEN 'no review flag of this run' ELSE 'a ' || d.severity || ' flag; only review flags are decided' END
       || '; it changes nothing' AS detail
FROM int_review_decisions AS d
WHERE NOT d.applies

-- The ineligible_partner rule (§7, D53) for every reward of int_reward_terms, at earned_at: the partner's status is
-- not active and (status_since is empty or ≤ earned_at), or the code of conduct / data-privacy terms are unsigned or
-- signed after earned_at. ineligibility says which (NULL: eligible). Such a reward is withheld, and raises one
-- ineligible_partner flag (int_flag__ineligible_partner).
SELECT
    c.reward_id,
    nullif(concat_ws('; ',
        CASE WHEN pt.status <> 'active' AND (pt.status_since IS NULL OR pt.status_since <= c.earned_at)
             THEN 'status ' || pt.status || coalesce(' since ' || day_text(pt.status_since), '') END,
        CASE WHEN pt.code_of_conduct_signed_at IS NULL THEN 'code of conduct not signed'
             WHEN pt.code_of_conduct_signed_at > c.earned_at
             THEN 'code of conduct signed only on ' || day_text(pt.code_of_conduct_signed_at) END,
        CASE WHEN pt.data_privacy_signed_at IS NULL THEN 'data-privacy terms not signed'
             WHEN pt.data_privacy_signed_at > c.earned_at
             THEN 'data-privacy terms signed only on ' || day_text(pt.data_privacy_signed_at) END), '') AS ineligibility
FROM int_reward_terms AS c
JOIN stg_portal__partners AS pt USING (partner_id)

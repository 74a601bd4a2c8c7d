-- 0040's trigger that moves a case's escalation facts with the case joined the statement's old
-- and new rows to each other. The planner knows nothing of a transition table's size and joined
-- them in a nested loop: an update of n cases cost n² comparisons. The city seed's escalations
-- update some 44,000 cases at once (their first escalation), which took about an hour, and any
-- bulk update of cases was quadratic. Each case's street key now comes once from each side and
-- the two cancel where the case did not move: no join, the same deltas.
CREATE OR REPLACE FUNCTION mediation_escalation_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
    SELECT f.metric, moved.key, f.kind, date_trunc('month', f.day)::date, sum(moved.sign * f.n), sum(moved.sign * f.d)
    FROM (SELECT k.id, k.key, sum(k.sign) AS sign
          FROM (SELECT n.id, mediation_rollup_key(n.origin_path) AS key, 1 AS sign FROM new_rows n
                UNION ALL
                SELECT o.id, mediation_rollup_key(o.origin_path), -1 FROM old_rows o) k
          GROUP BY k.id, k.key
          HAVING sum(k.sign) <> 0) moved
    JOIN mediation_escalation e ON e.case_id = moved.id CROSS JOIN LATERAL mediation_escalation_facts(e) f
    GROUP BY 1, 2, 3, 4
    HAVING sum(moved.sign * f.n) <> 0 OR sum(moved.sign * f.d) <> 0;
    RETURN NULL;
END $$;

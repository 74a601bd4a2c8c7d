-- Statistics at city scale (issue 14): the escalation rate and the overdue cases join the
-- mediation rollup of 0037, so that a city's dashboard reads sums per street rather than a
-- million cases.

-- Each case's first escalation (the earliest; the id breaks a tie): the escalation rate counts a
-- case against the level that first handed it up. Kept on the case so that what a case adds to
-- the rate is a function of its own row, like every other fact of the rollup.
ALTER TABLE mediation_case ADD COLUMN first_escalated_from text, ADD COLUMN first_escalation_id uuid,
    ADD COLUMN first_escalated_at timestamptz;

UPDATE mediation_case m
SET first_escalated_from = x.from_level, first_escalation_id = x.id, first_escalated_at = x.created_at
FROM (SELECT DISTINCT ON (case_id) case_id, id, from_level, created_at FROM mediation_escalation
      ORDER BY case_id, created_at, id) x
WHERE x.case_id = m.id;

-- Keeps the first escalation of the cases a statement's escalations belong to. Escalations are
-- appended and never moved between cases; a deletion (no path of the service deletes one) finds
-- the earliest that remains.
CREATE FUNCTION mediation_first_escalation_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE mediation_case m
        SET first_escalated_from = x.from_level, first_escalation_id = x.id, first_escalated_at = x.created_at
        FROM (SELECT DISTINCT ON (case_id) case_id, id, from_level, created_at FROM new_rows
              ORDER BY case_id, created_at, id) x
        WHERE x.case_id = m.id
          AND (m.first_escalated_at IS NULL OR (x.created_at, x.id) < (m.first_escalated_at, m.first_escalation_id));
    ELSE
        UPDATE mediation_case m
        SET first_escalated_from = x.from_level, first_escalation_id = x.id, first_escalated_at = x.created_at
        FROM (SELECT c.id AS case_id, e.id, e.from_level, e.created_at
              FROM (SELECT DISTINCT case_id AS id FROM old_rows) c
              LEFT JOIN LATERAL (SELECT * FROM mediation_escalation e WHERE e.case_id = c.id
                                 ORDER BY e.created_at, e.id LIMIT 1) e ON true) x
        WHERE x.case_id = m.id AND m.first_escalation_id IS DISTINCT FROM x.id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER mediation_first_escalation_insert AFTER INSERT ON mediation_escalation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_first_escalation_apply();
CREATE TRIGGER mediation_first_escalation_delete AFTER DELETE ON mediation_escalation
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_first_escalation_apply();

-- The facts of 0037, and two more:
-- * escalation_rate_by_level: an accepted case adds 1 to the denominator of the level that first
--   handed it up (its own level when it never was);
-- * mediation_cases_overdue: an open accepted case adds 1 on its last day (MED-17), by level; a
--   figure for today sums the days before today.
CREATE OR REPLACE FUNCTION mediation_case_facts(m mediation_case)
RETURNS TABLE (metric text, kind text, day date, n bigint, d bigint, counted boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT f.metric, f.kind, f.day, f.n, f.d, f.counted FROM (VALUES
        ('mediation_cases_received', m.category, (m.created_at AT TIME ZONE 'UTC')::date, 1::bigint, 0::bigint, true),
        ('mediation_cases_accepted', m.category, m.accepted_on, 1::bigint, 0::bigint, m.accepted_on IS NOT NULL),
        ('mediation_success_rate', m.category, m.accepted_on,
            CASE WHEN m.agreement_effective_on IS NOT NULL THEN 1::bigint ELSE 0::bigint END, 1::bigint,
            m.accepted_on IS NOT NULL),
        ('mediation_cases_concluded_in_time', m.category, m.concluded_on,
            CASE WHEN m.concluded_on <= mediation_last_day(m.accepted_on, m.clock_months, m.extension_days)
                 THEN 1::bigint ELSE 0::bigint END, 1::bigint,
            m.accepted_on IS NOT NULL AND m.concluded_on IS NOT NULL),
        ('mediation_judicial_confirmations', m.category, m.judicial_answered_on, 1::bigint, 0::bigint,
            coalesce(m.judicial_answer = 'accepted', false)),
        ('escalation_rate_by_level', coalesce(m.first_escalated_from, m.level), m.accepted_on, 0::bigint, 1::bigint,
            m.accepted_on IS NOT NULL),
        ('mediation_cases_overdue', m.level, mediation_last_day(m.accepted_on, m.clock_months, m.extension_days),
            1::bigint, 0::bigint,
            m.status IN ('received', 'accepted', 'in_mediation') AND m.accepted_on IS NOT NULL)
    ) f(metric, kind, day, n, d, counted)
    WHERE f.counted
$$;

-- What one escalation adds to the escalation rate: 1 to the numerator of the level it left
-- unless it was returned, and 1 to the denominator of the level it reached once accepted there.
CREATE FUNCTION mediation_escalation_facts(x mediation_escalation)
RETURNS TABLE (metric text, kind text, day date, n bigint, d bigint)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT 'escalation_rate_by_level', f.kind, (x.created_at AT TIME ZONE 'UTC')::date, f.n, f.d FROM (VALUES
        (x.from_level, 1::bigint, 0::bigint, x.status <> 'returned'),
        (x.to_level, 0::bigint, 1::bigint, x.status = 'accepted')
    ) f(kind, n, d, counted)
    WHERE f.counted
$$;

-- One statement's changes of escalations as deltas, under their case's rollup key (a case with
-- escalations cannot be deleted, so it is there to be joined). A transition table exists only
-- for the events that have it, so each event has its own function.
CREATE FUNCTION mediation_escalation_rollup_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
    SELECT x.metric, x.street_path, x.kind, x.month, sum(x.n), sum(x.d) FROM (
        SELECT f.metric, mediation_rollup_key(m.origin_path) AS street_path, f.kind,
               date_trunc('month', f.day)::date AS month, f.n, f.d
        FROM new_rows e JOIN mediation_case m ON m.id = e.case_id CROSS JOIN LATERAL mediation_escalation_facts(e) f
        UNION ALL
        SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, -f.n, -f.d
        FROM old_rows e JOIN mediation_case m ON m.id = e.case_id CROSS JOIN LATERAL mediation_escalation_facts(e) f) x
    GROUP BY 1, 2, 3, 4
    HAVING sum(x.n) <> 0 OR sum(x.d) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION mediation_escalation_rollup_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
    SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, sum(f.n), sum(f.d)
    FROM new_rows e JOIN mediation_case m ON m.id = e.case_id CROSS JOIN LATERAL mediation_escalation_facts(e) f
    GROUP BY 1, 2, 3, 4;
    RETURN NULL;
END $$;

CREATE FUNCTION mediation_escalation_rollup_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
    SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, -sum(f.n), -sum(f.d)
    FROM old_rows e JOIN mediation_case m ON m.id = e.case_id CROSS JOIN LATERAL mediation_escalation_facts(e) f
    GROUP BY 1, 2, 3, 4;
    RETURN NULL;
END $$;

CREATE TRIGGER mediation_escalation_rollup_insert AFTER INSERT ON mediation_escalation
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_escalation_rollup_insert();
CREATE TRIGGER mediation_escalation_rollup_update AFTER UPDATE ON mediation_escalation
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_escalation_rollup_update();
CREATE TRIGGER mediation_escalation_rollup_delete AFTER DELETE ON mediation_escalation
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_escalation_rollup_delete();

-- A case moved to another street takes its escalations' facts along: out of the old street's
-- rollup, into the new one's (beside 0037's deltas of the case's own facts).
CREATE FUNCTION mediation_escalation_follow_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
    SELECT f.metric, moved.key, f.kind, date_trunc('month', f.day)::date, sum(moved.sign * f.n), sum(moved.sign * f.d)
    FROM (SELECT n.id, k.key, k.sign FROM new_rows n JOIN old_rows o ON o.id = n.id
          CROSS JOIN LATERAL (VALUES (mediation_rollup_key(n.origin_path), 1), (mediation_rollup_key(o.origin_path), -1)) k(key, sign)
          WHERE mediation_rollup_key(n.origin_path) <> mediation_rollup_key(o.origin_path)) moved
    JOIN mediation_escalation e ON e.case_id = moved.id CROSS JOIN LATERAL mediation_escalation_facts(e) f
    GROUP BY 1, 2, 3, 4
    HAVING sum(moved.sign * f.n) <> 0 OR sum(moved.sign * f.d) <> 0;
    RETURN NULL;
END $$;

CREATE TRIGGER mediation_escalation_follow_case AFTER UPDATE ON mediation_case
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION mediation_escalation_follow_case();

-- The two new metrics for what is already there.
INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, sum(f.n), sum(f.d)
FROM mediation_case m CROSS JOIN LATERAL mediation_case_facts(m) f
WHERE f.metric IN ('escalation_rate_by_level', 'mediation_cases_overdue')
GROUP BY 1, 2, 3, 4;
INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, sum(f.n), sum(f.d)
FROM mediation_escalation e JOIN mediation_case m ON m.id = e.case_id CROSS JOIN LATERAL mediation_escalation_facts(e) f
GROUP BY 1, 2, 3, 4;

-- Overdue today, above the streets: whole months before this one from the rollup, and the days
-- of this month from the open cases themselves, found by their last day.
CREATE INDEX mediation_case_open_last_day ON mediation_case (mediation_last_day(accepted_on, clock_months, extension_days))
    WHERE status IN ('received', 'accepted', 'in_mediation') AND accepted_on IS NOT NULL;

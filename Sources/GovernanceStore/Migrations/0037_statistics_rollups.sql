-- Statistics at city scale (issue 14): what a city-level figure needs without reading every row.

-- Seats filled in the first round read the members each election seated; without this index
-- that was a scan of every member per election.
CREATE INDEX committee_member_election ON committee_member (election_id) WHERE election_id IS NOT NULL;

-- Overdue cases are open accepted ones past their last day (MED-17): a small part of all cases,
-- found by the same condition the case list and the metric write.
CREATE INDEX mediation_case_open_origin_path_gist ON mediation_case USING gist (origin_path)
    WHERE status IN ('received', 'accepted', 'in_mediation') AND accepted_on IS NOT NULL;

-- MED-17: a case's last day is the accepted day plus the clock's months and any extension. The
-- case list's overdue filter, the statistics and the rollup all read it here.
CREATE FUNCTION mediation_last_day(accepted_on date, clock_months integer, extension_days integer) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (accepted_on + make_interval(months => clock_months))::date + extension_days
$$;

-- What one case adds to each dated mediation metric: the metric, its kind (the category), its
-- day, numerator and denominator, and whether the case is counted at all. The statistics read
-- these same rows, directly below a street and rolled up above it, so both agree by
-- construction. Timestamps are days in UTC whatever the session's zone.
CREATE FUNCTION mediation_case_facts(m mediation_case)
RETURNS TABLE (metric text, kind text, day date, n bigint, d bigint, counted boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT f.metric, m.category, f.day, f.n, f.d, f.counted FROM (VALUES
        ('mediation_cases_received', (m.created_at AT TIME ZONE 'UTC')::date, 1::bigint, 0::bigint, true),
        ('mediation_cases_accepted', m.accepted_on, 1::bigint, 0::bigint, m.accepted_on IS NOT NULL),
        ('mediation_success_rate', m.accepted_on,
            CASE WHEN m.agreement_effective_on IS NOT NULL THEN 1::bigint ELSE 0::bigint END, 1::bigint,
            m.accepted_on IS NOT NULL),
        ('mediation_cases_concluded_in_time', m.concluded_on,
            CASE WHEN m.concluded_on <= mediation_last_day(m.accepted_on, m.clock_months, m.extension_days)
                 THEN 1::bigint ELSE 0::bigint END, 1::bigint,
            m.accepted_on IS NOT NULL AND m.concluded_on IS NOT NULL),
        ('mediation_judicial_confirmations', m.judicial_answered_on, 1::bigint, 0::bigint,
            coalesce(m.judicial_answer = 'accepted', false))
    ) f(metric, day, n, d, counted)
    WHERE f.counted
$$;

-- The cases' facts summed per street (or the case's own area when it lies above the streets),
-- kind and month. Rows are deltas: every write of cases appends what it added and took away,
-- so concurrent writers never wait on a shared counter, and the sum over any key is exact once
-- they commit. Compaction (mediation_rollup_compact) folds the deltas together.
CREATE TABLE mediation_rollup (
    metric text NOT NULL,
    street_path ltree NOT NULL,
    kind text NOT NULL,
    month date,
    n bigint NOT NULL,
    d bigint NOT NULL
);
CREATE INDEX mediation_rollup_metric ON mediation_rollup (metric, street_path);

-- The rollup key of a case's origin: its street, or itself above the streets.
CREATE FUNCTION mediation_rollup_key(origin ltree) RETURNS ltree
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT subpath(origin, 0, least(nlevel(origin), 3)) $$;

-- One statement's changes of cases as deltas: the facts of the rows after it minus those before.
CREATE FUNCTION mediation_rollup_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
        SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, sum(f.n), sum(f.d)
        FROM new_rows m CROSS JOIN LATERAL mediation_case_facts(m) f
        GROUP BY 1, 2, 3, 4;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
        SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, -sum(f.n), -sum(f.d)
        FROM old_rows m CROSS JOIN LATERAL mediation_case_facts(m) f
        GROUP BY 1, 2, 3, 4;
    ELSE
        INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
        SELECT x.metric, x.street_path, x.kind, x.month, sum(x.n), sum(x.d) FROM (
            SELECT f.metric, mediation_rollup_key(m.origin_path) AS street_path, f.kind,
                   date_trunc('month', f.day)::date AS month, f.n, f.d
            FROM new_rows m CROSS JOIN LATERAL mediation_case_facts(m) f
            UNION ALL
            SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, -f.n, -f.d
            FROM old_rows m CROSS JOIN LATERAL mediation_case_facts(m) f) x
        GROUP BY 1, 2, 3, 4
        -- An update that changed nothing counted (a version, a mediator) adds no row.
        HAVING sum(x.n) <> 0 OR sum(x.d) <> 0;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER mediation_rollup_insert AFTER INSERT ON mediation_case
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_rollup_apply();
CREATE TRIGGER mediation_rollup_update AFTER UPDATE ON mediation_case
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_rollup_apply();
CREATE TRIGGER mediation_rollup_delete AFTER DELETE ON mediation_case
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_rollup_apply();

-- Folds the deltas into one row per key. Rows another transaction appends meanwhile are not in
-- this statement's snapshot and stay as they are, so the sums do not change; the lock keeps two
-- compactions from doing the same work.
CREATE FUNCTION mediation_rollup_compact() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    folded bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('mediation_rollup_compact')) THEN
        RETURN 0;
    END IF;
    WITH gone AS (DELETE FROM mediation_rollup RETURNING *),
         kept AS (
            INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
            SELECT metric, street_path, kind, month, sum(n), sum(d) FROM gone
            GROUP BY metric, street_path, kind, month
            HAVING sum(n) <> 0 OR sum(d) <> 0
            RETURNING 1)
    SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM kept) INTO folded;
    RETURN folded;
END $$;

-- Cases already there.
INSERT INTO mediation_rollup (metric, street_path, kind, month, n, d)
SELECT f.metric, mediation_rollup_key(m.origin_path), f.kind, date_trunc('month', f.day)::date, sum(f.n), sum(f.d)
FROM mediation_case m CROSS JOIN LATERAL mediation_case_facts(m) f
GROUP BY 1, 2, 3, 4;

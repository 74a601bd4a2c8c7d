-- Statistics at city scale (issue 14): the mediation rollup summed over all months, per street
-- and kind, for figures over no period (a dashboard): a few thousand rows instead of the
-- rollup's one per month. Every statement that adds deltas to the rollup, or that a compaction
-- folds away, adds the same deltas here, month dropped, so the two always agree.
CREATE TABLE mediation_rollup_total (
    metric text NOT NULL,
    street_path ltree NOT NULL,
    kind text NOT NULL,
    n bigint NOT NULL,
    d bigint NOT NULL
);
CREATE INDEX mediation_rollup_total_metric ON mediation_rollup_total (metric, street_path);

CREATE FUNCTION mediation_rollup_total_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mediation_rollup_total (metric, street_path, kind, n, d)
    SELECT metric, street_path, kind, sum(n), sum(d) FROM new_rows GROUP BY 1, 2, 3
    HAVING sum(n) <> 0 OR sum(d) <> 0;
    RETURN NULL;
END $$;

CREATE FUNCTION mediation_rollup_total_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO mediation_rollup_total (metric, street_path, kind, n, d)
    SELECT metric, street_path, kind, -sum(n), -sum(d) FROM old_rows GROUP BY 1, 2, 3
    HAVING sum(n) <> 0 OR sum(d) <> 0;
    RETURN NULL;
END $$;

CREATE TRIGGER mediation_rollup_total_insert AFTER INSERT ON mediation_rollup
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_rollup_total_insert();
CREATE TRIGGER mediation_rollup_total_delete AFTER DELETE ON mediation_rollup
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_rollup_total_delete();

INSERT INTO mediation_rollup_total (metric, street_path, kind, n, d)
SELECT metric, street_path, kind, sum(n), sum(d) FROM mediation_rollup GROUP BY 1, 2, 3
HAVING sum(n) <> 0 OR sum(d) <> 0;

-- Folds the totals' deltas, as mediation_rollup_compact folds the rollup's: run after it, it
-- also folds the deltas its rewrite added here (its deletions and insertions cancel out).
CREATE FUNCTION mediation_rollup_total_compact() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    folded bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(hashtext('mediation_rollup_total_compact')) THEN
        RETURN 0;
    END IF;
    WITH gone AS (DELETE FROM mediation_rollup_total RETURNING *),
         kept AS (
            INSERT INTO mediation_rollup_total (metric, street_path, kind, n, d)
            SELECT metric, street_path, kind, sum(n), sum(d) FROM gone
            GROUP BY metric, street_path, kind
            HAVING sum(n) <> 0 OR sum(d) <> 0
            RETURNING 1)
    SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM kept) INTO folded;
    RETURN folded;
END $$;

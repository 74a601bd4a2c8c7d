-- The change feed (GET /v1/changes) for data platforms that keep their own copy in sync.
--
-- A trigger records each change in the writing transaction, with that transaction's id. The
-- feed serves, in (xid, seq) order, only changes of transactions below the oldest one still in
-- flight (pg_snapshot_xmin): those are all finished, so nothing can later appear behind a
-- consumer's cursor, even when transactions commit out of order.
CREATE TABLE change_log (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    resource_type text NOT NULL,
    resource_id uuid NOT NULL,
    area_id uuid,
    area_path ltree NOT NULL,
    op text NOT NULL,
    version integer,
    changed_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT change_log_pk PRIMARY KEY (seq),
    CONSTRAINT change_log_op_valid CHECK (op IN ('upsert', 'delete'))
);
CREATE INDEX change_log_position ON change_log (xid, seq);
CREATE INDEX change_log_changed_at ON change_log (changed_at);
CREATE INDEX change_log_area_path_gist ON change_log USING gist (area_path);

-- The newest transaction whose changes have been purged (retention): a cursor at or below it
-- may have missed some, and is answered 410.
CREATE TABLE change_log_horizon (
    singleton boolean NOT NULL DEFAULT true,
    purged_through xid8 NOT NULL,
    CONSTRAINT change_log_horizon_pk PRIMARY KEY (singleton),
    CONSTRAINT change_log_horizon_singleton CHECK (singleton)
);

-- Arguments: the resource type, the column holding the resource's area id, the column holding
-- the area path the feed is scoped by.
CREATE FUNCTION record_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
BEGIN
    INSERT INTO change_log (resource_type, resource_id, area_id, area_path, op, version)
    VALUES (TG_ARGV[0], (changed->>'id')::uuid, (changed->>TG_ARGV[1])::uuid, (changed->>TG_ARGV[2])::ltree,
            CASE WHEN TG_OP = 'DELETE' THEN 'delete' ELSE 'upsert' END, (changed->>'version')::integer);
    RETURN NULL;
END $$;

-- Updates count only when the version moves: re-encryption under a new key changes no data.
CREATE TRIGGER area_changed AFTER INSERT OR DELETE ON area
    FOR EACH ROW EXECUTE FUNCTION record_change('area', 'id', 'path');
CREATE TRIGGER area_updated AFTER UPDATE ON area
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION record_change('area', 'id', 'path');
CREATE TRIGGER person_changed AFTER INSERT OR DELETE ON person
    FOR EACH ROW EXECUTE FUNCTION record_change('person', 'residence_area_id', 'area_path');
CREATE TRIGGER person_updated AFTER UPDATE ON person
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version)
    EXECUTE FUNCTION record_change('person', 'residence_area_id', 'area_path');
CREATE TRIGGER department_changed AFTER INSERT OR DELETE ON department
    FOR EACH ROW EXECUTE FUNCTION record_change('department', 'area_id', 'area_path');
CREATE TRIGGER department_updated AFTER UPDATE ON department
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version)
    EXECUTE FUNCTION record_change('department', 'area_id', 'area_path');

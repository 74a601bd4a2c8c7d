-- Statistics at city scale (issue 14), the metrics that are a state on a day: each community's
-- (and village's) facts are kept per metric, so that a city's figure sums some thousand rows
-- instead of recounting every grid, post and member. They stay exact: every statement that
-- writes what those facts read leaves a mark on the paths it touched, and a community under or
-- over a mark, or not computed for today, is counted from the sources until the refresher has
-- recomputed it (in one snapshot, deleting only the marks it saw).

-- Facts of one metric in one community, summed by kind and day, as of `computed_for`.
CREATE TABLE stat_community_fact (
    metric text NOT NULL,
    community_id uuid NOT NULL,
    kind text,
    day date,
    n bigint NOT NULL,
    d bigint NOT NULL
);
CREATE INDEX stat_community_fact_metric ON stat_community_fact (metric, community_id);

-- Which community's facts of which metric were computed, for which day and by which definition
-- (a digest of the metric's SQL, so that a release that changes a metric recounts it).
CREATE TABLE stat_community_fresh (
    metric text NOT NULL,
    community_id uuid NOT NULL,
    computed_for date NOT NULL,
    definition text NOT NULL,
    CONSTRAINT stat_community_fresh_pk PRIMARY KEY (metric, community_id)
);

-- Paths written since the last refresh. Appended by triggers and never updated, so writers
-- do not wait on each other.
CREATE TABLE stat_dirty (
    path ltree NOT NULL
);
CREATE INDEX stat_dirty_path_gist ON stat_dirty USING gist (path);

-- Marks the paths a statement touched: TG_ARGV[0] selects them from one row `r` of the
-- statement's transition tables (the rows before and after it).
CREATE FUNCTION stat_mark_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        EXECUTE format(
            'INSERT INTO stat_dirty (path) SELECT DISTINCT x.path FROM new_rows r CROSS JOIN LATERAL (%s) x(path) WHERE x.path IS NOT NULL',
            TG_ARGV[0]);
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        EXECUTE format(
            'INSERT INTO stat_dirty (path) SELECT DISTINCT x.path FROM old_rows r CROSS JOIN LATERAL (%s) x(path) WHERE x.path IS NOT NULL',
            TG_ARGV[0]);
    END IF;
    RETURN NULL;
END $$;

-- Every table the cached metrics read, by the path each row belongs to.
DO $$
DECLARE
    source record;
BEGIN
    FOR source IN SELECT * FROM (VALUES
        ('area', 'SELECT r.path', true),
        ('grid_assignment', 'SELECT r.area_path', true),
        ('building', 'SELECT r.area_path', true),
        ('building_unit', 'SELECT b.area_path FROM building b WHERE b.id = r.building_id', true),
        ('committee', 'SELECT r.area_path', true),
        ('committee_member', 'SELECT r.area_path', true),
        ('mediator', 'SELECT r.area_path', true),
        ('community_facility', 'SELECT r.area_path', true),
        ('rule_profile_override', 'SELECT a.path FROM area a WHERE a.id = r.area_id', true),
        -- A person's gender counts where they serve on a committee; a new person serves nowhere.
        ('person', 'SELECT m.area_path FROM committee_member m WHERE m.person_id = r.id', false)
    ) s(name, paths, all_events) LOOP
        IF source.all_events THEN
            EXECUTE format(
                'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_dirty(%L)',
                source.name || '_stat_insert', source.name, source.paths);
            EXECUTE format(
                'CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_dirty(%L)',
                source.name || '_stat_delete', source.name, source.paths);
        END IF;
        EXECUTE format(
            'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION stat_mark_dirty(%L)',
            source.name || '_stat_update', source.name, source.paths);
    END LOOP;
END $$;

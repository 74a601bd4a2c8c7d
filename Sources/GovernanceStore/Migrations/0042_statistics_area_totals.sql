-- Statistics at city scale (issue 14): each area's sums of the per-community facts of 0038, so
-- that a city's dashboard reads one row per metric instead of summing 6,000 communities' facts.
-- The refresher rebuilds them in the snapshot it recomputes the facts in, and records for which
-- day and which definitions; a reader uses them only when that record is today's and its
-- definitions are the reader's, and corrects them for the communities written since: those
-- under or over a mark, by the paths they had when totalled (out: what was totalled; in: their
-- sources now), so that created, moved and deleted communities all stay exact.
CREATE TABLE stat_area_total (
    metric text NOT NULL,
    area_id uuid NOT NULL,
    -- The area's path when totalled, and whether it is a community or village.
    path ltree NOT NULL,
    community boolean NOT NULL,
    n bigint NOT NULL,
    d bigint NOT NULL,
    CONSTRAINT stat_area_total_pk PRIMARY KEY (area_id, metric)
);
CREATE INDEX stat_area_total_community_path_gist ON stat_area_total USING gist (path) WHERE community;

-- The day and the definitions (`metric:digest`) the totals were built for: every community and
-- village was then fresh for that day by those definitions.
CREATE TABLE stat_area_total_state (
    singleton boolean NOT NULL DEFAULT true,
    computed_for date NOT NULL,
    definitions text[] NOT NULL,
    CONSTRAINT stat_area_total_state_pk PRIMARY KEY (singleton),
    CONSTRAINT stat_area_total_state_singleton CHECK (singleton)
);

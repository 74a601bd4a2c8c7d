-- Grid service management: grid attributes, buildings and units, placements, staff
-- assignments with history. Rules cite domain-rules.md §2.3.

ALTER TABLE area
    ADD COLUMN grid_type text CHECK (grid_type IN ('comprehensive', 'exclusive')),
    ADD COLUMN grid_category text
        CHECK (grid_category IN ('commercial_building', 'industrial_park', 'market', 'school', 'hospital', 'enterprise', 'other')),
    ADD CONSTRAINT area_grid_attributes CHECK (
        (grid_type IS NULL OR kind IN ('grid', 'microgrid')) AND (grid_category IS NULL OR grid_type = 'exclusive'));

CREATE TABLE building (
    id uuid PRIMARY KEY,
    grid_id uuid NOT NULL REFERENCES area (id),
    microgrid_id uuid REFERENCES area (id),
    area_path ltree NOT NULL,
    compound text CHECK (length(compound) <= 100),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX building_area_path_gist ON building USING gist (area_path);

CREATE TABLE building_unit (
    id uuid PRIMARY KEY,
    building_id uuid NOT NULL REFERENCES building (id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
    households integer NOT NULL DEFAULT 0 CHECK (households >= 0),
    UNIQUE (building_id, name)
);

-- GRID-2: a building lies in at most one comprehensive grid; exclusive grids may overlap it.
CREATE TABLE building_grid (
    building_id uuid NOT NULL REFERENCES building (id),
    grid_id uuid NOT NULL REFERENCES area (id),
    comprehensive boolean NOT NULL,
    PRIMARY KEY (building_id, grid_id)
);
CREATE UNIQUE INDEX building_grid_one_comprehensive ON building_grid (building_id) WHERE comprehensive;

ALTER TABLE person
    ADD COLUMN building_id uuid REFERENCES building (id),
    ADD COLUMN unit_id uuid REFERENCES building_unit (id),
    ADD CONSTRAINT person_unit_needs_building CHECK (unit_id IS NULL OR building_id IS NOT NULL);

CREATE TABLE grid_assignment (
    id uuid PRIMARY KEY,
    post text NOT NULL CHECK (post IN ('grid_leader', 'grid_worker', 'microgrid_leader', 'building_leader', 'unit_leader')),
    -- The grid, micro-grid, building or unit the post serves.
    target_id uuid NOT NULL,
    area_path ltree NOT NULL,
    person_id uuid NOT NULL REFERENCES person (id),
    employment text CHECK (employment IN ('full_time', 'part_time')),
    public_phone text,
    started_on date NOT NULL,
    ended_on date,
    end_reason text CHECK (end_reason IN ('term_end', 'resigned', 'moved_out', 'dismissed', 'handover', 'other')),
    successor_id uuid REFERENCES grid_assignment (id),
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ended_on IS NULL OR ended_on >= started_on),
    CHECK ((ended_on IS NULL) = (end_reason IS NULL))
);
CREATE INDEX grid_assignment_area_path_gist ON grid_assignment USING gist (area_path);
CREATE INDEX grid_assignment_target ON grid_assignment (target_id) WHERE ended_on IS NULL;
-- GRID-3, GRID-5: one active leader per grid, micro-grid, building and unit. In the database,
-- so two concurrent requests cannot both win.
CREATE UNIQUE INDEX grid_assignment_one_active_leader ON grid_assignment (target_id) WHERE ended_on IS NULL AND post <> 'grid_worker';

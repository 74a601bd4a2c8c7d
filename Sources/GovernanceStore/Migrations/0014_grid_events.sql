-- Grid events (网格事件; domain-rules.md §2.10, §3.6; GRID-12, MED-21): what grid patrols find and
-- residents report, compiled by the community, handled at a tier, dispatched by the street to
-- departments with a deadline, and rated by the reporter. No seed gives a time limit in days:
-- the catalogue's limits are configuration (c).

-- Tokens of apps that submit residents' reports through Open311 only.
ALTER TABLE api_token DROP CONSTRAINT api_token_role_valid;
ALTER TABLE api_token ADD CONSTRAINT api_token_role_valid
    CHECK (role IN ('admin', 'staff', 'grid_worker', 'mediator', 'department', 'reviewer', 'analyst', 'auditor', 'reporter_app'));

-- The category catalogue: the defaults (city_path NULL) and a city's own entries.
CREATE TABLE grid_event_category (
    id uuid NOT NULL,
    city_path ltree,
    code text NOT NULL,
    name_zh text NOT NULL,
    name_en text NOT NULL,
    default_tier text NOT NULL,
    time_limit_days integer NOT NULL,
    day_kind text NOT NULL,
    department_id uuid,
    risk_required boolean NOT NULL DEFAULT false,
    sensitive boolean NOT NULL DEFAULT false,
    version integer NOT NULL DEFAULT 1,
    CONSTRAINT grid_event_category_pk PRIMARY KEY (id),
    CONSTRAINT grid_event_category_department_id_fk FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT grid_event_category_code_valid CHECK (code IN ('environment_sanitation', 'public_facilities',
        'property_management', 'safety_hazard', 'fire_safety', 'illegal_construction', 'neighbour_dispute',
        'vulnerable_resident_help', 'other')),
    CONSTRAINT grid_event_category_tier_valid CHECK (default_tier IN ('compound', 'community', 'street')),
    CONSTRAINT grid_event_category_limit_valid CHECK (time_limit_days BETWEEN 1 AND 365),
    CONSTRAINT grid_event_category_day_kind_valid CHECK (day_kind IN ('calendar', 'working')),
    CONSTRAINT grid_event_category_names_valid CHECK (length(btrim(name_zh)) BETWEEN 1 AND 50 AND length(btrim(name_en)) BETWEEN 1 AND 100)
);
CREATE UNIQUE INDEX grid_event_category_unique ON grid_event_category (coalesce(city_path, ''::ltree), code);

INSERT INTO grid_event_category (id, code, name_zh, name_en, default_tier, time_limit_days, day_kind, risk_required, sensitive) VALUES
    (gen_random_uuid(), 'environment_sanitation', '环境卫生', 'Environment and sanitation', 'community', 3, 'working', false, false),
    (gen_random_uuid(), 'public_facilities', '公共设施', 'Public facilities', 'community', 5, 'working', false, false),
    (gen_random_uuid(), 'property_management', '物业管理', 'Property management', 'compound', 3, 'working', false, false),
    (gen_random_uuid(), 'safety_hazard', '安全隐患', 'Safety hazard', 'street', 2, 'calendar', true, false),
    (gen_random_uuid(), 'fire_safety', '消防安全', 'Fire safety', 'street', 1, 'calendar', true, false),
    (gen_random_uuid(), 'illegal_construction', '违法建设', 'Illegal construction', 'street', 10, 'working', false, false),
    (gen_random_uuid(), 'neighbour_dispute', '邻里纠纷', 'Neighbour dispute', 'community', 15, 'calendar', false, true),
    (gen_random_uuid(), 'vulnerable_resident_help', '困难群众求助', 'Help needed by a vulnerable resident', 'community', 2, 'calendar', false, true),
    (gen_random_uuid(), 'other', '其他', 'Other', 'community', 5, 'working', false, false);

CREATE TABLE grid_event (
    id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    community_path ltree NOT NULL,
    level text,
    level_path ltree,
    status text NOT NULL DEFAULT 'reported',
    source text NOT NULL,
    category text NOT NULL,
    risk_level text,
    description text NOT NULL,
    building_id uuid,
    unit text,
    latitude double precision,
    longitude double precision,
    coordinate_system text,
    reporter_person_id uuid,
    reporter_name text,
    reporter_phone_cipher bytea,
    reporter_phone_masked text,
    anonymous boolean NOT NULL DEFAULT false,
    photo_ids text[] NOT NULL DEFAULT '{}',
    reply_token_hash bytea,
    reported_by_token_id uuid,
    due_on date,
    day_kind text NOT NULL DEFAULT 'calendar',
    accepted_on date,
    merged_into_id uuid,
    mediation_case_id uuid,
    reject_reason text,
    resolution text,
    resolved_at timestamptz,
    rating text,
    rating_comment text,
    reopen_count integer NOT NULL DEFAULT 0,
    closed_reason text,
    closed_at timestamptz,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grid_event_pk PRIMARY KEY (id),
    CONSTRAINT grid_event_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT grid_event_building_id_fk FOREIGN KEY (building_id) REFERENCES building (id),
    CONSTRAINT grid_event_reporter_person_id_fk FOREIGN KEY (reporter_person_id) REFERENCES person (id),
    CONSTRAINT grid_event_merged_into_id_fk FOREIGN KEY (merged_into_id) REFERENCES grid_event (id),
    CONSTRAINT grid_event_mediation_case_id_fk FOREIGN KEY (mediation_case_id) REFERENCES mediation_case (id),
    CONSTRAINT grid_event_level_valid CHECK (level IN ('compound', 'community', 'street')),
    CONSTRAINT grid_event_status_valid CHECK (status IN ('reported', 'handling', 'resolved', 'closed', 'merged', 'rejected', 'referred_to_mediation')),
    CONSTRAINT grid_event_source_valid CHECK (source IN ('grid_patrol', 'resident_report', 'hotline_12345', 'department_referral')),
    CONSTRAINT grid_event_risk_valid CHECK (risk_level IN ('low', 'medium', 'high')),
    CONSTRAINT grid_event_rating_valid CHECK (rating IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
    CONSTRAINT grid_event_day_kind_valid CHECK (day_kind IN ('calendar', 'working')),
    CONSTRAINT grid_event_handling_has_level CHECK (status = 'reported' OR status IN ('merged', 'rejected', 'referred_to_mediation') OR level IS NOT NULL),
    CONSTRAINT grid_event_point_valid CHECK ((latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL) = (coordinate_system IS NULL)),
    CONSTRAINT grid_event_description_valid CHECK (length(description) BETWEEN 1 AND 2000)
);
CREATE INDEX grid_event_area_path_gist ON grid_event USING gist (area_path);
CREATE INDEX grid_event_created ON grid_event (created_at, id);

-- Every step of the lifecycle, with actor, time and note.
CREATE TABLE grid_event_step (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    action text NOT NULL,
    from_status text NOT NULL,
    to_status text NOT NULL,
    level text,
    actor_token_id uuid,
    note text,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    CONSTRAINT grid_event_step_pk PRIMARY KEY (id),
    CONSTRAINT grid_event_step_event_id_fk FOREIGN KEY (event_id) REFERENCES grid_event (id)
);
CREATE INDEX grid_event_step_event ON grid_event_step (event_id, created_at);

-- The street's dispatches (派单) to departments, each with its deadline (限时).
CREATE TABLE grid_event_dispatch (
    id uuid NOT NULL,
    event_id uuid NOT NULL,
    department_id uuid NOT NULL,
    lead boolean NOT NULL,
    authority_basis text NOT NULL,
    due_on date NOT NULL,
    status text NOT NULL DEFAULT 'pending',
    return_reason text,
    outcome text,
    actions_taken text,
    dispatched_on date NOT NULL,
    accepted_at timestamptz,
    fed_back_on date,
    progress_count integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grid_event_dispatch_pk PRIMARY KEY (id),
    CONSTRAINT grid_event_dispatch_event_id_fk FOREIGN KEY (event_id) REFERENCES grid_event (id),
    CONSTRAINT grid_event_dispatch_department_id_fk FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT grid_event_dispatch_status_valid CHECK (status IN ('pending', 'accepted', 'returned', 'fed_back'))
);
CREATE INDEX grid_event_dispatch_event ON grid_event_dispatch (event_id, created_at);
CREATE INDEX grid_event_dispatch_department ON grid_event_dispatch (department_id, event_id);
-- One open dispatch per department and event: a second one while the first runs is 409.
CREATE UNIQUE INDEX grid_event_dispatch_one_open ON grid_event_dispatch (event_id, department_id) WHERE status IN ('pending', 'accepted');

-- A dispute converted into a mediation case links back to its event.
ALTER TABLE mediation_case ADD COLUMN grid_event_id uuid;
ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_grid_event_id_fk FOREIGN KEY (grid_event_id) REFERENCES grid_event (id);

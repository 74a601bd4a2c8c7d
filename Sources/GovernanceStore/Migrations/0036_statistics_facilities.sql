-- Statistics (issue 14): a rule-profile parameter resolved in SQL, so that a metric measures
-- each area against its own city's standard in the same statement that counts it; and the
-- community facility records that the facility and funding metrics need (seed 001 §四(一),
-- §六(二); seed 003 §三(三)).

-- The value of a rule-profile parameter at an area: the override of the nearest area at or
-- above it, else `fallback` (the national default, which only the application knows).
CREATE FUNCTION rule_parameter(at_path ltree, parameter_name text, fallback integer) RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT coalesce((
        SELECT o.value FROM rule_profile_override o JOIN area a ON a.id = o.area_id
        WHERE a.path @> at_path AND o.parameter = parameter_name ORDER BY nlevel(a.path) DESC LIMIT 1), fallback)
$$;

-- Where that value comes from: the overriding area's id, or NULL for the national default.
CREATE FUNCTION rule_parameter_area(at_path ltree, parameter_name text) RETURNS uuid
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT o.area_id FROM rule_profile_override o JOIN area a ON a.id = o.area_id
    WHERE a.path @> at_path AND o.parameter = parameter_name ORDER BY nlevel(a.path) DESC LIMIT 1
$$;

-- One record per community or village and year: the service premises (office and service
-- rooms, m²), the part of them open to public services, and the year's basic operating funds.
CREATE TABLE community_facility (
    id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    year integer NOT NULL,
    service_area_m2 integer NOT NULL,
    public_service_area_m2 integer NOT NULL,
    operating_funds_yuan bigint NOT NULL,
    note text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT community_facility_pk PRIMARY KEY (id),
    CONSTRAINT community_facility_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT community_facility_area_year_unique UNIQUE (area_id, year),
    CONSTRAINT community_facility_year_valid CHECK (year BETWEEN 2000 AND 2100),
    CONSTRAINT community_facility_service_area_valid CHECK (service_area_m2 BETWEEN 0 AND 1000000),
    CONSTRAINT community_facility_public_area_valid
        CHECK (public_service_area_m2 >= 0 AND public_service_area_m2 <= service_area_m2),
    CONSTRAINT community_facility_funds_valid CHECK (operating_funds_yuan BETWEEN 0 AND 1000000000000),
    CONSTRAINT community_facility_note_valid CHECK (length(note) <= 500)
);
CREATE INDEX community_facility_area_path_gist ON community_facility USING gist (area_path);

-- Registered departments (职能部门): created by an admin of a district or the city, at that
-- level. A `department` token is bound to one, and admission applications, pushes, refusals,
-- ratings and reports refer to it by id. Until now a department was a token's free-text label,
-- which any admin could set to a city bureau's name.
CREATE TABLE department (
    id uuid NOT NULL,
    name text NOT NULL,
    level text NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT department_pk PRIMARY KEY (id),
    CONSTRAINT department_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT department_name_valid CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    CONSTRAINT department_level_valid CHECK (level IN ('city', 'district')),
    CONSTRAINT department_name_unique UNIQUE (area_id, name)
);
CREATE INDEX department_area_path_gist ON department USING gist (area_path);

-- The label-named data so far becomes registered departments: one per name at the district
-- (or, for what was done at city level, the city) above where the name was used.
CREATE FUNCTION pg_temp.department_name(raw text) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT left(coalesce(nullif(btrim(raw), ''), '未命名部门'), 100) $$;

INSERT INTO department (id, name, level, area_id, area_path)
SELECT gen_random_uuid(), named.name, area.kind, area.id, area.path
FROM (
    SELECT DISTINCT pg_temp.department_name(name) AS name, subpath(path, 0, least(nlevel(path), 2)) AS path FROM (
        SELECT coalesce(label, 'department:' || id::text) AS name, area_path AS path FROM api_token WHERE role = 'department'
        UNION ALL SELECT department, area_path FROM admission_application
        UNION ALL SELECT department, area_path FROM admission_assignment
        UNION ALL SELECT department, area_path FROM admission_refusal
        UNION ALL SELECT department, area_path FROM department_rating
    ) AS used
) AS named
JOIN area ON area.path = named.path;

ALTER TABLE api_token ADD COLUMN department_id uuid;
UPDATE api_token t SET department_id = d.id FROM department d
WHERE t.role = 'department' AND d.name = pg_temp.department_name(coalesce(t.label, 'department:' || t.id::text))
  AND d.area_path = subpath(t.area_path, 0, least(nlevel(t.area_path), 2));
ALTER TABLE api_token
    ADD CONSTRAINT api_token_department_id_fk FOREIGN KEY (department_id) REFERENCES department (id),
    ADD CONSTRAINT api_token_department_bound CHECK ((role = 'department') = (department_id IS NOT NULL));

ALTER TABLE admission_application ADD COLUMN department_id uuid;
UPDATE admission_application a SET department_id = d.id FROM department d
WHERE d.name = pg_temp.department_name(a.department) AND d.area_path = subpath(a.area_path, 0, least(nlevel(a.area_path), 2));
ALTER TABLE admission_application
    ALTER COLUMN department_id SET NOT NULL,
    ADD CONSTRAINT admission_application_department_id_fk FOREIGN KEY (department_id) REFERENCES department (id),
    DROP COLUMN department;
CREATE INDEX admission_application_department ON admission_application (department_id, id);

ALTER TABLE admission_assignment ADD COLUMN department_id uuid;
UPDATE admission_assignment a SET department_id = d.id FROM department d
WHERE d.name = pg_temp.department_name(a.department) AND d.area_path = subpath(a.area_path, 0, least(nlevel(a.area_path), 2));
ALTER TABLE admission_assignment
    ALTER COLUMN department_id SET NOT NULL,
    ADD CONSTRAINT admission_assignment_department_id_fk FOREIGN KEY (department_id) REFERENCES department (id),
    DROP COLUMN department;
CREATE INDEX admission_assignment_department ON admission_assignment (department_id, assigned_on);

ALTER TABLE admission_refusal ADD COLUMN department_id uuid;
UPDATE admission_refusal a SET department_id = d.id FROM department d
WHERE d.name = pg_temp.department_name(a.department) AND d.area_path = subpath(a.area_path, 0, least(nlevel(a.area_path), 2));
ALTER TABLE admission_refusal
    ALTER COLUMN department_id SET NOT NULL,
    ADD CONSTRAINT admission_refusal_department_id_fk FOREIGN KEY (department_id) REFERENCES department (id),
    DROP COLUMN department;

ALTER TABLE department_rating ADD COLUMN department_id uuid;
UPDATE department_rating a SET department_id = d.id FROM department d
WHERE d.name = pg_temp.department_name(a.department) AND d.area_path = subpath(a.area_path, 0, least(nlevel(a.area_path), 2));
ALTER TABLE department_rating
    ALTER COLUMN department_id SET NOT NULL,
    ADD CONSTRAINT department_rating_department_id_fk FOREIGN KEY (department_id) REFERENCES department (id),
    DROP COLUMN department;
ALTER TABLE department_rating ADD CONSTRAINT department_rating_once_a_year UNIQUE (community_id, department_id, year);

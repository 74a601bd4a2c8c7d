-- Community work-task admission (domain-rules.md §2.4, §3.3).
CREATE TABLE admission_application (
    id uuid PRIMARY KEY,
    department text NOT NULL,
    applicant_token_id uuid NOT NULL REFERENCES api_token (id),
    area_id uuid NOT NULL REFERENCES area (id),
    area_path ltree NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    category text NOT NULL CHECK (category IN ('statutory_duty', 'assistance')),
    legal_basis text NOT NULL,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    funding_amount bigint CHECK (funding_amount >= 0),
    funding_source text,
    staffing text,
    workload_hours_per_month integer NOT NULL CHECK (workload_hours_per_month >= 0),
    forms text[] NOT NULL DEFAULT '{}',
    status text NOT NULL DEFAULT 'draft',
    submitted_on date,
    legal_opinion text,
    decision_meeting text,
    decision_date date,
    decision_reference text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX admission_application_area_path_gist ON admission_application USING gist (area_path);
CREATE INDEX admission_application_department ON admission_application (department, id);

CREATE TABLE admission_assignment (
    id uuid PRIMARY KEY,
    application_id uuid NOT NULL REFERENCES admission_application (id),
    community_id uuid NOT NULL REFERENCES area (id),
    area_path ltree NOT NULL,
    department text NOT NULL,
    assigned_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admission_assignment_department ON admission_assignment (department, assigned_on);

CREATE TABLE admission_refusal (
    id uuid PRIMARY KEY,
    community_id uuid NOT NULL REFERENCES area (id),
    area_path ltree NOT NULL,
    department text NOT NULL,
    description text NOT NULL,
    refused_on date NOT NULL,
    evidence text,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'dismissed')),
    outcome_note text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admission_refusal_area_path_gist ON admission_refusal USING gist (area_path);

CREATE TABLE department_rating (
    id uuid PRIMARY KEY,
    community_id uuid NOT NULL REFERENCES area (id),
    area_path ltree NOT NULL,
    department text NOT NULL,
    year integer NOT NULL,
    score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT department_rating_once_a_year UNIQUE (community_id, department, year)
);

-- Areas, people, tokens, the audit log and idempotency records: the security model every
-- later resource relies on. Every row that belongs to an area stores that area's path, and
-- every query filters on it (`area_path <@ $scope`).

CREATE SEQUENCE area_label_seq;

CREATE TABLE area (
    id uuid PRIMARY KEY,
    parent_id uuid REFERENCES area (id),
    kind text NOT NULL CHECK (kind IN ('city', 'district', 'street', 'township', 'community', 'village', 'grid', 'microgrid')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    code text UNIQUE CHECK (code ~ '^[0-9]{12}$'),
    households integer CHECK (households >= 0),
    population integer CHECK (population >= 0),
    path ltree NOT NULL UNIQUE,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((parent_id IS NULL) = (kind = 'city'))
);
CREATE INDEX area_path_gist ON area USING gist (path);
CREATE INDEX area_parent ON area (parent_id, id);
CREATE INDEX area_kind ON area (kind, id);
-- One root: the city the deployment serves.
CREATE UNIQUE INDEX area_single_root ON area ((parent_id IS NULL)) WHERE parent_id IS NULL;

CREATE TABLE person (
    id uuid PRIMARY KEY,
    residence_area_id uuid NOT NULL REFERENCES area (id),
    area_path ltree NOT NULL,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    gender text NOT NULL CHECK (gender IN ('male', 'female')),
    birth_year integer NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
    ethnicity text CHECK (length(ethnicity) <= 20),
    party_member boolean NOT NULL DEFAULT false,
    -- Personal data: AES-256-GCM ciphertext, a keyed hash for exact lookup, and the masked form
    -- that most responses show. The plain value is never stored.
    phone_cipher bytea,
    phone_masked text,
    id_number_cipher bytea NOT NULL,
    id_number_hash bytea NOT NULL,
    id_number_masked text NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT person_id_number_unique UNIQUE (id_number_hash)
);
CREATE INDEX person_area_path_gist ON person USING gist (area_path);
CREATE INDEX person_name ON person (name text_pattern_ops, id);

CREATE TABLE api_token (
    id uuid PRIMARY KEY,
    token_hash bytea NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('admin', 'staff', 'grid_worker', 'mediator', 'department', 'reviewer', 'analyst', 'auditor')),
    area_id uuid NOT NULL REFERENCES area (id),
    area_path ltree NOT NULL,
    label text CHECK (length(label) <= 100),
    created_by uuid REFERENCES api_token (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz
);
CREATE INDEX api_token_area_path_gist ON api_token USING gist (area_path);

-- Append-only: the runtime may insert and read, never change or delete (等保 L3-CES1-14).
CREATE TABLE audit_event (
    seq bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    token_id uuid,
    role text NOT NULL,
    operation_id text NOT NULL,
    resource_type text NOT NULL,
    resource_id uuid,
    area_path ltree NOT NULL,
    outcome text NOT NULL DEFAULT 'success',
    request_id text,
    summary jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_area_path_gist ON audit_event USING gist (area_path);
CREATE INDEX audit_event_resource ON audit_event (resource_type, resource_id, seq);
CREATE INDEX audit_event_token ON audit_event (token_id, seq);
CREATE INDEX audit_event_at ON audit_event (at);

CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();

-- Idempotency-Key records, per token: the request's fingerprint and the response it got, the
-- body encrypted since it may carry personal data or a token secret. Kept at least 24 h.
CREATE TABLE idempotency_record (
    token_id uuid NOT NULL REFERENCES api_token (id),
    key text NOT NULL,
    fingerprint bytea NOT NULL,
    status integer,
    response_headers jsonb,
    response_cipher bytea,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (token_id, key)
);
CREATE INDEX idempotency_record_created ON idempotency_record (created_at);

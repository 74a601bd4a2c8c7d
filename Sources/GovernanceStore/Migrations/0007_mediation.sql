-- People's mediation cases (domain-rules.md §2.5, §3.2). Party phones are encrypted like
-- every other personal data; the description and terms are visible only to the handling levels.
CREATE TABLE mediation_case (
    id uuid PRIMARY KEY,
    origin_area_id uuid NOT NULL REFERENCES area (id),
    origin_path ltree NOT NULL,
    level text NOT NULL CHECK (level IN ('community', 'street', 'district')),
    level_path ltree NOT NULL,
    source text NOT NULL CHECK (source IN ('party_application', 'grid_patrol', 'referral', 'walk_in')),
    category text NOT NULL,
    description text NOT NULL,
    amount bigint CHECK (amount >= 0),
    risk text NOT NULL CHECK (risk IN ('low', 'medium', 'high', 'critical')),
    complexity text NOT NULL CHECK (complexity IN ('simple', 'general', 'complex')),
    status text NOT NULL DEFAULT 'received',
    accepted_on date,
    extension_days integer NOT NULL DEFAULT 0,
    mediator_token_id uuid REFERENCES api_token (id),
    agreement_terms text,
    agreement_on date,
    performance_deadline date,
    agreement_form text,
    advice text,
    decline_reason text,
    concluded_on date,
    escalated boolean NOT NULL DEFAULT false,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediation_case_level_path_gist ON mediation_case USING gist (level_path);
CREATE INDEX mediation_case_origin_path_gist ON mediation_case USING gist (origin_path);

CREATE TABLE mediation_party (
    id uuid PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES mediation_case (id),
    person_id uuid REFERENCES person (id),
    name text NOT NULL,
    phone_cipher bytea,
    phone_masked text,
    role text NOT NULL CHECK (role IN ('applicant', 'respondent', 'third_party')),
    consented boolean,
    position integer NOT NULL
);
CREATE INDEX mediation_party_case ON mediation_party (case_id, position);

CREATE TABLE mediation_session (
    id uuid PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES mediation_case (id),
    held_on date NOT NULL,
    place text NOT NULL,
    attendees text[] NOT NULL DEFAULT '{}',
    summary text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX mediation_session_case ON mediation_session (case_id, id);

CREATE TABLE mediation_escalation (
    id uuid PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES mediation_case (id),
    from_level text NOT NULL,
    to_level text NOT NULL,
    to_path ltree NOT NULL,
    reason text NOT NULL,
    status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'returned')),
    decision_reason text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX mediation_escalation_one_pending ON mediation_escalation (case_id) WHERE status = 'pending';

CREATE TABLE mediation_follow_up (
    id uuid PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES mediation_case (id),
    performance text NOT NULL CHECK (performance IN ('performed', 'partially_performed', 'not_performed')),
    followed_up_on date NOT NULL,
    note text,
    created_at timestamptz NOT NULL DEFAULT now()
);

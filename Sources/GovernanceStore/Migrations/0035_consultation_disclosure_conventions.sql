-- Community consultation (CON), affairs disclosure (DIS) and conventions (CNV).
-- Plans, results, evaluations and reviews are documents of one step each and are kept as JSON
-- beside the columns that rules and lists filter on.

-- CON-1: a community's consultation organisation and the constituency each member represents.
CREATE TABLE consultation_body (
    id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    name text NOT NULL,
    kind text NOT NULL,
    established_on date NOT NULL,
    members jsonb NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT consultation_body_pk PRIMARY KEY (id),
    CONSTRAINT consultation_body_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id)
);
CREATE INDEX consultation_body_area_path_gist ON consultation_body USING gist (area_path);

-- CON-3: the catalogue of matters that must be consulted, one numbered version after another.
CREATE TABLE consultation_catalogue (
    id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    number integer NOT NULL,
    items jsonb NOT NULL,
    published_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT consultation_catalogue_pk PRIMARY KEY (id),
    CONSTRAINT consultation_catalogue_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT consultation_catalogue_number_unique UNIQUE (area_id, number)
);

-- §3.4: a topic, owned by its community, or by the street for cross-community topics (CON-10).
CREATE TABLE consultation_topic (
    id uuid NOT NULL,
    owner_area_id uuid NOT NULL,
    owner_path ltree NOT NULL,
    owner_kind text NOT NULL,
    community_ids uuid[] NOT NULL,
    title text NOT NULL,
    description text NOT NULL,
    category text NOT NULL,
    proposer text NOT NULL,
    proposer_count integer,
    technical boolean NOT NULL,
    reserved_to_meeting boolean NOT NULL,
    procedure_ref text,
    flow text NOT NULL,
    status text NOT NULL,
    plan jsonb,
    plan_published_on date,
    participants_notified_on date,
    result jsonb,
    result_published_on date,
    meeting_decision_id uuid,
    decision_passed boolean,
    evaluation jsonb,
    closing_reason text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT consultation_topic_pk PRIMARY KEY (id),
    CONSTRAINT consultation_topic_owner_area_id_fk FOREIGN KEY (owner_area_id) REFERENCES area (id),
    CONSTRAINT consultation_topic_meeting_decision_id_fk FOREIGN KEY (meeting_decision_id)
        REFERENCES meeting_decision (id),
    CONSTRAINT consultation_topic_status_valid CHECK (status IN (
        'proposed', 'selected', 'plan_published', 'consulting', 'consulted', 'referral_required', 'referred',
        'decided', 'result_published', 'implementing', 'implemented', 'evaluated', 'closed', 'closed_not_adopted',
        'closed_rejected', 'declined', 'withdrawn'))
);
CREATE INDEX consultation_topic_owner_path_gist ON consultation_topic USING gist (owner_path);
CREATE INDEX consultation_topic_communities ON consultation_topic USING gin (community_ids);

-- Sessions (CON-5, CON-6), expert assessments (CON-7) and implementation progress (CON-8, CON-11).
CREATE TABLE consultation_entry (
    id uuid NOT NULL,
    topic_id uuid NOT NULL,
    kind text NOT NULL,
    recorded_on date NOT NULL,
    body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT consultation_entry_pk PRIMARY KEY (id),
    CONSTRAINT consultation_entry_topic_id_fk FOREIGN KEY (topic_id) REFERENCES consultation_topic (id),
    CONSTRAINT consultation_entry_kind_valid CHECK (kind IN ('session', 'assessment', 'progress'))
);
CREATE INDEX consultation_entry_topic ON consultation_entry (topic_id, created_at);

-- DIS-1 – DIS-6: a publication on the board; append-only, corrected by a new item.
CREATE TABLE disclosure (
    id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    category text NOT NULL,
    title text NOT NULL,
    period_from date NOT NULL,
    period_to date NOT NULL,
    content text NOT NULL,
    finance_lines jsonb NOT NULL,
    channels text[] NOT NULL,
    major boolean NOT NULL,
    occurred_on date,
    published_on date NOT NULL,
    take_down_on date,
    reviewer_member_id uuid,
    reviewed_on date,
    corrects uuid,
    source_type text,
    source_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT disclosure_pk PRIMARY KEY (id),
    CONSTRAINT disclosure_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT disclosure_corrects_fk FOREIGN KEY (corrects) REFERENCES disclosure (id),
    CONSTRAINT disclosure_reviewer_member_id_fk FOREIGN KEY (reviewer_member_id) REFERENCES committee_member (id),
    CONSTRAINT disclosure_period_ordered CHECK (period_from <= period_to),
    CONSTRAINT disclosure_channels_present CHECK (cardinality(channels) > 0)
);
CREATE INDEX disclosure_area_path_gist ON disclosure USING gist (area_path);
CREATE INDEX disclosure_area_period ON disclosure (area_id, period_to);

-- CNV-1 – CNV-8: a village rule or community convention, one version per row (`revises`).
CREATE TABLE convention (
    id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    kind text NOT NULL,
    name text,
    body text,
    deliberating_body text,
    effective_on date,
    clauses jsonb NOT NULL,
    revises uuid,
    consultation_topic_id uuid,
    opinions_solicited_on date,
    opinion_note text,
    status text NOT NULL,
    legality_review jsonb,
    meeting_decision_id uuid,
    authorisation_ref text,
    adopted_on date,
    filed_with uuid,
    filed_on date,
    published_on date,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT convention_pk PRIMARY KEY (id),
    CONSTRAINT convention_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT convention_revises_fk FOREIGN KEY (revises) REFERENCES convention (id),
    CONSTRAINT convention_consultation_topic_id_fk FOREIGN KEY (consultation_topic_id)
        REFERENCES consultation_topic (id),
    CONSTRAINT convention_meeting_decision_id_fk FOREIGN KEY (meeting_decision_id) REFERENCES meeting_decision (id),
    CONSTRAINT convention_filed_with_fk FOREIGN KEY (filed_with) REFERENCES area (id),
    CONSTRAINT convention_kind_valid CHECK (kind IN ('village_rules', 'community_convention')),
    CONSTRAINT convention_status_valid CHECK (status IN (
        'drafting', 'legality_review', 'ready_for_vote', 'voting', 'adopted'))
);
CREATE INDEX convention_area_path_gist ON convention USING gist (area_path);
-- CNV-8: one revision of a version at a time.
CREATE UNIQUE INDEX convention_one_revision ON convention (revises) WHERE revises IS NOT NULL;

-- CNV-7: execution (执约) and supervision (督约) records; never a monetary penalty (CNV-5).
CREATE TABLE convention_record (
    id uuid NOT NULL,
    convention_id uuid NOT NULL,
    kind text NOT NULL,
    clause integer,
    subject_name text,
    note text NOT NULL,
    supervisor_member_id uuid,
    recorded_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT convention_record_pk PRIMARY KEY (id),
    CONSTRAINT convention_record_convention_id_fk FOREIGN KEY (convention_id) REFERENCES convention (id),
    CONSTRAINT convention_record_supervisor_member_id_fk FOREIGN KEY (supervisor_member_id)
        REFERENCES committee_member (id)
);
CREATE INDEX convention_record_convention ON convention_record (convention_id, created_at);

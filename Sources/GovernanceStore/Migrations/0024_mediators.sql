-- MED-4, MED-5, MED-9, MED-22: mediators are people holding a mediation post at a level (a
-- community, a street or a district): committee members or persons engaged by the committee,
-- adults, full-time or part-time, with training records. A post ends by recall or dismissal
-- with a reason, which also ends its assignments. Cases name one or more posts, and the
-- helpers invited with the parties' consent.
CREATE TABLE mediator (
    id uuid NOT NULL,
    person_id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    committee_id uuid,
    kind text NOT NULL,
    employment text NOT NULL,
    engaged_on date NOT NULL,
    engaged_until date,
    ended_on date,
    end_reason text,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT mediator_pk PRIMARY KEY (id),
    CONSTRAINT mediator_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT mediator_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT mediator_committee_id_fk FOREIGN KEY (committee_id) REFERENCES committee (id),
    CONSTRAINT mediator_kind_valid CHECK (kind IN ('member', 'engaged')),
    CONSTRAINT mediator_employment_valid CHECK (employment IN ('full_time', 'part_time')),
    CONSTRAINT mediator_dates_ordered CHECK (engaged_until IS NULL OR engaged_until >= engaged_on),
    CONSTRAINT mediator_end_complete CHECK ((ended_on IS NULL) = (end_reason IS NULL)),
    CONSTRAINT mediator_end_reason_valid CHECK (length(end_reason) BETWEEN 1 AND 1000)
);
CREATE UNIQUE INDEX mediator_one_active_post ON mediator (person_id, area_id) WHERE ended_on IS NULL;
CREATE INDEX mediator_area_path_gist ON mediator USING gist (area_path);

CREATE TABLE mediator_training (
    id uuid NOT NULL,
    mediator_id uuid NOT NULL,
    trained_on date NOT NULL,
    hours integer NOT NULL,
    topic text NOT NULL,
    CONSTRAINT mediator_training_pk PRIMARY KEY (id),
    CONSTRAINT mediator_training_mediator_id_fk FOREIGN KEY (mediator_id) REFERENCES mediator (id),
    CONSTRAINT mediator_training_hours_valid CHECK (hours BETWEEN 1 AND 200),
    CONSTRAINT mediator_training_topic_valid CHECK (length(topic) BETWEEN 1 AND 200)
);
CREATE INDEX mediator_training_mediator ON mediator_training (mediator_id, trained_on);

CREATE TABLE mediation_case_mediator (
    case_id uuid NOT NULL,
    mediator_id uuid NOT NULL,
    chosen_by_parties boolean NOT NULL,
    assigned_on date NOT NULL,
    CONSTRAINT mediation_case_mediator_pk PRIMARY KEY (case_id, mediator_id),
    CONSTRAINT mediation_case_mediator_case_id_fk FOREIGN KEY (case_id) REFERENCES mediation_case (id),
    CONSTRAINT mediation_case_mediator_mediator_id_fk FOREIGN KEY (mediator_id) REFERENCES mediator (id)
);
CREATE INDEX mediation_case_mediator_mediator ON mediation_case_mediator (mediator_id);

CREATE TABLE mediation_helper (
    id uuid NOT NULL,
    case_id uuid NOT NULL,
    name text NOT NULL,
    relation text NOT NULL,
    invited_on date NOT NULL,
    CONSTRAINT mediation_helper_pk PRIMARY KEY (id),
    CONSTRAINT mediation_helper_case_id_fk FOREIGN KEY (case_id) REFERENCES mediation_case (id),
    CONSTRAINT mediation_helper_name_valid CHECK (length(name) BETWEEN 1 AND 50),
    CONSTRAINT mediation_helper_relation_valid CHECK (relation IN ('relative', 'neighbour', 'colleague', 'expert', 'other'))
);
CREATE INDEX mediation_helper_case ON mediation_helper (case_id);

-- COM-18 – COM-21: the meetings of self-governance, recorded after they are held, with the
-- basis their quorum was counted on, the proposal they were convened on, and their decisions.
-- Decisions are only taken by a quorate meeting; `passed` is computed when they are recorded.
CREATE TABLE meeting (
    id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    kind text NOT NULL,
    basis text NOT NULL,
    proposal_base text,
    proposal_signatures integer,
    proposal_total integer,
    notice_on date NOT NULL,
    held_on date NOT NULL,
    eligible integer NOT NULL,
    present integer NOT NULL,
    quorate boolean NOT NULL,
    agenda text[] NOT NULL,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT meeting_pk PRIMARY KEY (id),
    CONSTRAINT meeting_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT meeting_kind_valid CHECK (kind IN ('villagers_meeting', 'villager_representative_assembly',
                                                  'residents_meeting', 'residents_representative_assembly')),
    CONSTRAINT meeting_basis_valid CHECK (basis IN ('adults', 'households', 'group_representatives', 'assembly_members')),
    CONSTRAINT meeting_proposal_complete CHECK (
        (proposal_base IS NULL) = (proposal_signatures IS NULL) AND (proposal_base IS NULL) = (proposal_total IS NULL)),
    CONSTRAINT meeting_proposal_base_valid CHECK (proposal_base IN ('adults', 'households', 'groups', 'representatives')),
    CONSTRAINT meeting_days_ordered CHECK (notice_on <= held_on),
    CONSTRAINT meeting_attendance_valid CHECK (eligible > 0 AND present BETWEEN 0 AND eligible)
);
CREATE INDEX meeting_area_path_gist ON meeting USING gist (area_path);
CREATE INDEX meeting_area_kind_held ON meeting (area_id, kind, held_on);

CREATE TABLE meeting_decision (
    id uuid NOT NULL,
    meeting_id uuid NOT NULL,
    item text NOT NULL,
    text text NOT NULL,
    yes integer NOT NULL,
    no integer NOT NULL,
    abstain integer NOT NULL,
    passed boolean NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT meeting_decision_pk PRIMARY KEY (id),
    CONSTRAINT meeting_decision_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id),
    CONSTRAINT meeting_decision_votes_valid CHECK (yes >= 0 AND no >= 0 AND abstain >= 0)
);
CREATE INDEX meeting_decision_meeting ON meeting_decision (meeting_id, created_at);

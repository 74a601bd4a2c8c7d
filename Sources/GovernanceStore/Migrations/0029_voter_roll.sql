-- ELE-3, ELE-4, ELE-5, ELE-23: the voter roll of an election, drawn up during registration and
-- published with the move to nomination; objections to it within five days, decided within
-- three; written proxy entrustments between voters on it. The registered voters of the results
-- come from the roll when there is one.
CREATE TABLE election_voter (
    id uuid NOT NULL,
    election_id uuid NOT NULL,
    person_id uuid NOT NULL,
    category text NOT NULL,
    certificate text,
    consent_meeting_id uuid,
    registered_on date NOT NULL,
    removed_on date,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT election_voter_pk PRIMARY KEY (id),
    CONSTRAINT election_voter_election_id_fk FOREIGN KEY (election_id) REFERENCES election (id),
    CONSTRAINT election_voter_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT election_voter_consent_meeting_id_fk FOREIGN KEY (consent_meeting_id) REFERENCES meeting (id),
    CONSTRAINT election_voter_category_valid CHECK (
        category IN ('registered_resident', 'registered_absent', 'resident_not_registered')),
    CONSTRAINT election_voter_certificate_complete CHECK ((category = 'resident_not_registered') = (certificate IS NOT NULL)),
    CONSTRAINT election_voter_once UNIQUE (election_id, person_id)
);
CREATE INDEX election_voter_person ON election_voter (person_id) WHERE removed_on IS NULL;

CREATE TABLE election_roll_objection (
    id uuid NOT NULL,
    election_id uuid NOT NULL,
    person_id uuid NOT NULL,
    kind text NOT NULL,
    statement text NOT NULL,
    filed_on date NOT NULL,
    decided_on date,
    upheld boolean,
    decision text,
    CONSTRAINT election_roll_objection_pk PRIMARY KEY (id),
    CONSTRAINT election_roll_objection_election_id_fk FOREIGN KEY (election_id) REFERENCES election (id),
    CONSTRAINT election_roll_objection_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT election_roll_objection_kind_valid CHECK (kind IN ('omission', 'wrong_inclusion')),
    CONSTRAINT election_roll_objection_decision_complete CHECK (
        (decided_on IS NULL) = (upheld IS NULL) AND (decided_on IS NULL) = (decision IS NULL)),
    CONSTRAINT election_roll_objection_decided_after_filing CHECK (decided_on IS NULL OR decided_on >= filed_on)
);
CREATE INDEX election_roll_objection_election ON election_roll_objection (election_id, id);

CREATE TABLE election_proxy (
    id uuid NOT NULL,
    election_id uuid NOT NULL,
    voter_person_id uuid NOT NULL,
    proxy_person_id uuid NOT NULL,
    written_on date NOT NULL,
    CONSTRAINT election_proxy_pk PRIMARY KEY (id),
    CONSTRAINT election_proxy_election_id_fk FOREIGN KEY (election_id) REFERENCES election (id),
    CONSTRAINT election_proxy_voter_fk FOREIGN KEY (election_id, voter_person_id)
        REFERENCES election_voter (election_id, person_id),
    CONSTRAINT election_proxy_proxy_fk FOREIGN KEY (election_id, proxy_person_id)
        REFERENCES election_voter (election_id, person_id),
    CONSTRAINT election_proxy_once UNIQUE (election_id, voter_person_id),
    CONSTRAINT election_proxy_not_self CHECK (voter_person_id <> proxy_person_id)
);

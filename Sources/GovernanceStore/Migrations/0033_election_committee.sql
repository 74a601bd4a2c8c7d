-- ELE-6: the election committee (村民选举委员会 / 居民选举委员会) presides over the election; a
-- member nominated as a candidate withdraws from it first.
CREATE TABLE election_committee_member (
    id uuid NOT NULL,
    election_id uuid NOT NULL,
    person_id uuid NOT NULL,
    role text NOT NULL,
    joined_on date NOT NULL,
    withdrawn_on date,
    CONSTRAINT election_committee_member_pk PRIMARY KEY (id),
    CONSTRAINT election_committee_member_election_id_fk FOREIGN KEY (election_id) REFERENCES election (id),
    CONSTRAINT election_committee_member_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id),
    CONSTRAINT election_committee_member_role_valid CHECK (role IN ('chair', 'member')),
    CONSTRAINT election_committee_member_withdrawn_after_joining CHECK (withdrawn_on IS NULL OR withdrawn_on >= joined_on),
    CONSTRAINT election_committee_member_once UNIQUE (election_id, person_id)
);
CREATE UNIQUE INDEX election_committee_one_chair ON election_committee_member (election_id)
    WHERE role = 'chair' AND withdrawn_on IS NULL;

-- ELE-14: an election won by improper means is annulled by the street or district, with its
-- ground and reason: the certification is rolled back in one transaction (the members it seated
-- leave, the tenures it ended resume, the committee's term returns) and a re-election is due.
-- ELE-17: the hand-over from the old committee to the new within ten days of certification.
-- ELE-15: an office ends on a criminal sentence or loss of capacity; COM-13: on a second
-- consecutive rating of incompetent.
ALTER TABLE election DROP CONSTRAINT election_status_valid;
ALTER TABLE election ADD CONSTRAINT election_status_valid CHECK (status IN (
    'draft', 'registration', 'nomination', 'candidates_published', 'voting', 'counting', 'runoff', 'certified',
    'failed', 'annulled'));
ALTER TABLE election
    ADD COLUMN certified_on date,
    ADD COLUMN handover_on date,
    ADD COLUMN handover_note text,
    ADD COLUMN previous_term_start date,
    ADD COLUMN previous_term_end date,
    ADD COLUMN previous_law_version integer,
    ADD COLUMN annulled_on date,
    ADD COLUMN annulment_ground text,
    ADD COLUMN annulment_reason text,
    ADD CONSTRAINT election_handover_after_certification
        CHECK (handover_on IS NULL OR (certified_on IS NOT NULL AND handover_on >= certified_on)),
    ADD CONSTRAINT election_annulment_complete CHECK (
        (annulled_on IS NULL) = (annulment_reason IS NULL) AND (annulled_on IS NULL) = (annulment_ground IS NULL)),
    ADD CONSTRAINT election_annulment_ground_valid
        CHECK (annulment_ground IN ('threats', 'bribery', 'forged_ballots', 'false_count', 'other'));

ALTER TABLE committee_member
    ADD COLUMN election_id uuid,
    ADD COLUMN ended_by_election_id uuid,
    ADD COLUMN ended_on_before date,
    ADD COLUMN end_reason_before text,
    ADD CONSTRAINT committee_member_election_id_fk FOREIGN KEY (election_id) REFERENCES election (id),
    ADD CONSTRAINT committee_member_ended_by_election_id_fk FOREIGN KEY (ended_by_election_id) REFERENCES election (id);
ALTER TABLE committee_member DROP CONSTRAINT committee_member_end_reason_valid;
ALTER TABLE committee_member ADD CONSTRAINT committee_member_end_reason_valid CHECK (end_reason IN (
    'term_end', 'resigned', 'recalled', 'deceased', 'other', 'annulled', 'criminal_sentence', 'incapacity',
    'evaluated_incompetent'));

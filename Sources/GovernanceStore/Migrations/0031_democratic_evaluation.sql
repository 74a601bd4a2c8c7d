-- COM-13: the annual democratic evaluation (民主评议) of a residents' or villagers' committee's
-- members, rated at a meeting of the area and presided by the supervision committee; a second
-- consecutive rating of incompetent ends the office.
CREATE TABLE committee_evaluation (
    id uuid NOT NULL,
    committee_id uuid NOT NULL,
    area_path ltree NOT NULL,
    meeting_id uuid NOT NULL,
    held_on date NOT NULL,
    presided_by uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT committee_evaluation_pk PRIMARY KEY (id),
    CONSTRAINT committee_evaluation_committee_id_fk FOREIGN KEY (committee_id) REFERENCES committee (id),
    CONSTRAINT committee_evaluation_meeting_id_fk FOREIGN KEY (meeting_id) REFERENCES meeting (id),
    CONSTRAINT committee_evaluation_presided_by_fk FOREIGN KEY (presided_by) REFERENCES person (id)
);
CREATE INDEX committee_evaluation_committee ON committee_evaluation (committee_id, held_on);

CREATE TABLE committee_evaluation_rating (
    evaluation_id uuid NOT NULL,
    member_id uuid NOT NULL,
    rating text NOT NULL,
    CONSTRAINT committee_evaluation_rating_pk PRIMARY KEY (evaluation_id, member_id),
    CONSTRAINT committee_evaluation_rating_evaluation_id_fk FOREIGN KEY (evaluation_id) REFERENCES committee_evaluation (id),
    CONSTRAINT committee_evaluation_rating_member_id_fk FOREIGN KEY (member_id) REFERENCES committee_member (id),
    CONSTRAINT committee_evaluation_rating_valid CHECK (rating IN ('excellent', 'competent', 'basically_competent', 'incompetent'))
);
CREATE INDEX committee_evaluation_rating_member ON committee_evaluation_rating (member_id);

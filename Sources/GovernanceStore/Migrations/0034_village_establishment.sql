-- COM-7: a village committee is set up on the proposal of the township (street), with the
-- consent of the villagers' meeting, approved by the county-level government: a village created
-- through the API records the two documents; the proposer is its parent.
CREATE TABLE area_establishment (
    area_id uuid NOT NULL,
    proposed_by uuid NOT NULL,
    villagers_meeting_resolution text NOT NULL,
    county_approval text NOT NULL,
    CONSTRAINT area_establishment_pk PRIMARY KEY (area_id),
    CONSTRAINT area_establishment_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT area_establishment_proposed_by_fk FOREIGN KEY (proposed_by) REFERENCES area (id),
    CONSTRAINT area_establishment_resolution_valid CHECK (length(villagers_meeting_resolution) BETWEEN 1 AND 200),
    CONSTRAINT area_establishment_approval_valid CHECK (length(county_approval) BETWEEN 1 AND 200)
);

-- MED-12..16: what a written agreement contains, who signed it and when, the committee's seal,
-- the day it takes effect, the joint application for judicial confirmation and the court's
-- answer. MED-10: the report to the police, and the hours a critical case has to reach the
-- street (frozen from the rule profile at intake, as the clock's months are).
ALTER TABLE mediation_case
    ADD COLUMN agreement_facts text,
    ADD COLUMN agreement_performance_manner text,
    ADD COLUMN agreement_mediator_signed_on date,
    ADD COLUMN agreement_sealed_on date,
    ADD COLUMN agreement_effective_on date,
    ADD COLUMN judicial_applied_on date,
    ADD COLUMN judicial_court text,
    ADD COLUMN judicial_answer text,
    ADD COLUMN judicial_answered_on date,
    ADD COLUMN police_reported_at timestamptz,
    ADD COLUMN police_reported_to text,
    ADD COLUMN critical_street_hours integer NOT NULL DEFAULT 24;
ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_judicial_answer_valid
    CHECK (judicial_answer IN ('accepted', 'not_accepted'));
ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_agreement_form_valid
    CHECK (agreement_form IN ('written', 'oral'));
-- An agreement takes effect no earlier than it was reached, and an answer needs an application.
ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_effective_after_agreement
    CHECK (agreement_effective_on >= agreement_on);
ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_answer_after_application
    CHECK (judicial_answer IS NULL OR judicial_applied_on IS NOT NULL);
ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_critical_street_hours_valid
    CHECK (critical_street_hours BETWEEN 1 AND 720);

-- Agreements recorded before this migration were refused unless every party and the mediator
-- had signed: they took effect on the day they were reached.
UPDATE mediation_case SET agreement_effective_on = agreement_on WHERE agreement_on IS NOT NULL;

-- One signature (or seal, or fingerprint) per party of the case's current agreement.
CREATE TABLE mediation_agreement_signature (
    case_id uuid NOT NULL,
    party_id uuid NOT NULL,
    method text NOT NULL,
    signed_on date NOT NULL,
    CONSTRAINT mediation_agreement_signature_pk PRIMARY KEY (case_id, party_id),
    CONSTRAINT mediation_agreement_signature_case_id_fk FOREIGN KEY (case_id) REFERENCES mediation_case (id),
    CONSTRAINT mediation_agreement_signature_party_id_fk FOREIGN KEY (party_id) REFERENCES mediation_party (id),
    CONSTRAINT mediation_agreement_signature_method_valid CHECK (method IN ('signature', 'seal', 'fingerprint'))
);

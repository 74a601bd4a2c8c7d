-- MED-4: a mediator token is bound to its person, and sees what the person's posts are assigned.
ALTER TABLE api_token ADD COLUMN person_id uuid;
ALTER TABLE api_token ADD CONSTRAINT api_token_person_id_fk FOREIGN KEY (person_id) REFERENCES person (id);
ALTER TABLE api_token ADD CONSTRAINT api_token_person_for_mediators CHECK (person_id IS NULL OR role = 'mediator');

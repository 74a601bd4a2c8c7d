-- Exact lookup by phone (POST /v1/people/search): a keyed hash beside the ciphertext, as for ID
-- numbers, but not unique (a household shares a phone). Existing rows get theirs from the
-- re-encryption pass that `grassroots migrate` runs after the migrations (the key is not in SQL).
ALTER TABLE person ADD COLUMN phone_hash bytea;
CREATE INDEX person_phone_hash ON person (phone_hash) WHERE phone_hash IS NOT NULL;

-- A case's parties (with their signatures of its agreement) kept on the case itself, in the text
-- of the two-dimensional text array a case list used to aggregate for every page it read. The
-- lookup, join, aggregation and output of those arrays were half of the statement's time for a
-- page of an export (issue 14). Triggers keep the column exact on every write of parties and
-- signatures, whatever writes them.

-- Each party: id, person, name, phone (sealed, hex), masked phone, role, consent, signature
-- method and day, position; in position order.
CREATE FUNCTION mediation_case_parties(case_id uuid) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT array_agg(ARRAY[p.id::text, p.person_id::text, p.name, encode(p.phone_cipher, 'hex'), p.phone_masked,
                           p.role, p.consented::text, g.method, g.signed_on::text, p.position::text]
                     ORDER BY p.position, p.id)::text
    FROM mediation_party p
    LEFT JOIN mediation_agreement_signature g ON g.case_id = p.case_id AND g.party_id = p.id
    WHERE p.case_id = $1
$$;

ALTER TABLE mediation_case ADD COLUMN parties text;

-- Refreshes the cases whose parties or signatures a statement wrote. A case whose text is
-- unchanged is not written again (a case received with its parties is written once more, by
-- the statement that inserted them). The cases are locked before their text is read: the
-- next statement's snapshot then sees what committed while it waited, so a writer that does
-- not hold the case (a key rotation resealing phones) and waits for one that does (a party
-- signing) does not write a text without the signature that had just committed.
CREATE FUNCTION mediation_case_parties_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cases uuid[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT case_id) INTO cases FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT case_id) INTO cases FROM old_rows;
    ELSE
        SELECT array_agg(DISTINCT case_id) INTO cases FROM (SELECT case_id FROM new_rows UNION SELECT case_id FROM old_rows) written;
    END IF;
    PERFORM 1 FROM mediation_case WHERE id = ANY (cases) ORDER BY id FOR NO KEY UPDATE;
    UPDATE mediation_case c SET parties = t.parties
    FROM (SELECT m.id, mediation_case_parties(m.id) AS parties FROM mediation_case m WHERE m.id = ANY (cases)) t
    WHERE c.id = t.id AND c.parties IS DISTINCT FROM t.parties;
    RETURN NULL;
END $$;

CREATE TRIGGER mediation_party_cached_insert AFTER INSERT ON mediation_party
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_case_parties_refresh();
CREATE TRIGGER mediation_party_cached_update AFTER UPDATE ON mediation_party
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION mediation_case_parties_refresh();
CREATE TRIGGER mediation_party_cached_delete AFTER DELETE ON mediation_party
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_case_parties_refresh();
CREATE TRIGGER mediation_signature_cached_insert AFTER INSERT ON mediation_agreement_signature
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_case_parties_refresh();
CREATE TRIGGER mediation_signature_cached_update AFTER UPDATE ON mediation_agreement_signature
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION mediation_case_parties_refresh();
CREATE TRIGGER mediation_signature_cached_delete AFTER DELETE ON mediation_agreement_signature
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION mediation_case_parties_refresh();

-- A bulk load (the city seed) writes a slice's parties before their cases, which then take
-- their text as they are inserted, instead of every case being written twice.
ALTER TABLE mediation_party ALTER CONSTRAINT mediation_party_case_id_fk DEFERRABLE INITIALLY IMMEDIATE;

-- The cases already there. The backfill changes nothing the statistics' rollups count, so
-- their triggers sit it out (the table is locked against other writers until this commits).
ALTER TABLE mediation_case DISABLE TRIGGER mediation_rollup_update;
ALTER TABLE mediation_case DISABLE TRIGGER mediation_escalation_follow_case;
UPDATE mediation_case c SET parties = p.parties
FROM (SELECT case_id, mediation_case_parties(case_id) AS parties FROM mediation_party GROUP BY case_id) p
WHERE p.case_id = c.id;
ALTER TABLE mediation_case ENABLE TRIGGER mediation_rollup_update;
ALTER TABLE mediation_case ENABLE TRIGGER mediation_escalation_follow_case;

-- 0045's refresh computed a case's text in the snapshot its statement began with, then waited for
-- the case's row: a writer that did not hold the case (a key rotation resealing phones) and
-- waited for one that did (a party signing) wrote a text without the signature that had just
-- committed. The cases are now locked first; the text is computed by the next statement, whose
-- snapshot sees whatever committed while it waited.
CREATE OR REPLACE FUNCTION mediation_case_parties_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
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

-- A case's escalations in the order they were made: the escalation statistics take each case's
-- first one, and until now only pending escalations had an index on their case.
CREATE INDEX mediation_escalation_case ON mediation_escalation (case_id, created_at);

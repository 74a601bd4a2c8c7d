-- The months a case has from acceptance, frozen from the rule profile when the level accepts it.
ALTER TABLE mediation_case ADD COLUMN clock_months integer NOT NULL DEFAULT 1 CHECK (clock_months BETWEEN 1 AND 12);

-- MED-19: simple disputes start with the compound's self-governance (小区自办) inside the
-- community; the level's area is the community's.
ALTER TABLE mediation_case DROP CONSTRAINT mediation_case_level_valid;
ALTER TABLE mediation_case ADD CONSTRAINT mediation_case_level_valid
    CHECK (level IN ('compound', 'community', 'street', 'district'));

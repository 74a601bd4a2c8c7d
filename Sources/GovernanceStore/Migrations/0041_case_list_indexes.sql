-- Every case a list or an export reads looks up its level's mediation committee and full-time
-- mediators by the level's exact path: equality on a B-tree, not a GiST walk per case (half of a
-- 1,000-case page's time on a seeded city).
CREATE INDEX committee_mediation_subcommittee ON committee (area_path)
    WHERE kind = 'subcommittee' AND subject = 'mediation';
CREATE INDEX mediator_full_time_serving ON mediator (area_path) WHERE employment = 'full_time' AND ended_on IS NULL;

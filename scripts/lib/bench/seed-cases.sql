-- :cases mediation cases (two parties each) in community :'community_id' (path :'community_path'),
-- for the list-page scenario of scripts/bench. Plain SQL: the point is the table's size, not the
-- intake path (which the write scenario measures).
INSERT INTO mediation_case (id, origin_area_id, origin_path, level, level_path, source, category, description, risk, complexity)
SELECT gen_random_uuid(), :'community_id', :'community_path', 'community', :'community_path', 'walk_in', 'neighbour',
       'bench case ' || n, 'low', 'simple'
FROM generate_series(1, :cases) AS n;
INSERT INTO mediation_party (id, case_id, name, role, position)
SELECT gen_random_uuid(), c.id, r.name, r.role, r.position
FROM mediation_case c
CROSS JOIN (VALUES ('测试甲', 'applicant', 0), ('测试乙', 'respondent', 1)) AS r (name, role, position)
WHERE c.description LIKE 'bench case %';
ANALYZE mediation_case;
ANALYZE mediation_party;

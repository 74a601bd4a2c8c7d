-- ADM-2: an application may target an explicit list of communities inside its target area
-- rather than the whole subtree; the push gate and the admitted lists honour it.
ALTER TABLE admission_application ADD COLUMN target_community_ids uuid[];
ALTER TABLE admission_application ADD CONSTRAINT admission_application_target_communities_valid
    CHECK (target_community_ids IS NULL OR cardinality(target_community_ids) BETWEEN 1 AND 200);

-- Committees, members and rule-profile overrides (domain-rules.md §2.1).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE committee (
    id uuid PRIMARY KEY,
    area_id uuid NOT NULL REFERENCES area (id),
    area_path ltree NOT NULL,
    kind text NOT NULL CHECK (kind IN ('residents_committee', 'villagers_committee', 'supervision_committee', 'owners_committee',
                                       'subcommittee', 'representative_assembly')),
    subject text CHECK (subject IN ('mediation', 'public_security', 'public_health', 'women_children', 'environment_property',
                                    'elderly_women_children')),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    compound text CHECK (length(compound) <= 100),
    term_start date NOT NULL,
    term_end date NOT NULL,
    law_version integer NOT NULL,
    -- Computed in the same transaction as every change to the committee, its members or its
    -- area's sub-committees, so lists can filter on it.
    compliant boolean NOT NULL DEFAULT false,
    finding_count integer NOT NULL DEFAULT 0,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CHECK (term_end >= term_start),
    CHECK ((kind = 'subcommittee') = (subject IS NOT NULL))
);
CREATE INDEX committee_area_path_gist ON committee USING gist (area_path);
CREATE INDEX committee_area ON committee (area_id);

CREATE TABLE committee_member (
    id uuid PRIMARY KEY,
    committee_id uuid NOT NULL REFERENCES committee (id),
    area_path ltree NOT NULL,
    person_id uuid NOT NULL REFERENCES person (id),
    position text NOT NULL CHECK (position IN ('director', 'deputy_director', 'member', 'representative')),
    constituency text CHECK (constituency IN ('resident', 'unit', 'social_org', 'party', 'committee', 'worker')),
    started_on date NOT NULL,
    ended_on date,
    end_reason text CHECK (end_reason IN ('term_end', 'resigned', 'recalled', 'deceased', 'other')),
    concurrent_party_secretary boolean NOT NULL DEFAULT false,
    finance_role text CHECK (finance_role IN ('accountant', 'cashier')),
    close_relative_of uuid[] NOT NULL DEFAULT '{}',
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK (ended_on IS NULL OR ended_on >= started_on),
    -- Overlapping tenures of one person in one committee, refused by the database as well.
    CONSTRAINT committee_member_no_overlap EXCLUDE USING gist (
        committee_id WITH =, person_id WITH =, daterange(started_on, ended_on, '[]') WITH &&)
);
CREATE INDEX committee_member_committee ON committee_member (committee_id, id);
-- COM-3: one director at a time (tenures without an end are the active ones).
CREATE UNIQUE INDEX committee_member_one_director ON committee_member (committee_id) WHERE position = 'director' AND ended_on IS NULL;

CREATE TABLE rule_profile_override (
    area_id uuid NOT NULL REFERENCES area (id),
    parameter text NOT NULL,
    value integer NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (area_id, parameter)
);

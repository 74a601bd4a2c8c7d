-- Committee elections, polling stations, candidates, tallies and recalls (domain-rules.md §2.2).
CREATE TABLE election (
    id uuid PRIMARY KEY,
    committee_id uuid NOT NULL REFERENCES committee (id),
    area_path ltree NOT NULL,
    kind text NOT NULL CHECK (kind IN ('general', 'by_election')),
    method text NOT NULL CHECK (method IN ('all_voters', 'household_representatives', 'group_representatives')),
    seats_director integer NOT NULL CHECK (seats_director BETWEEN 0 AND 1),
    seats_deputy_director integer NOT NULL CHECK (seats_deputy_director BETWEEN 0 AND 10),
    seats_member integer NOT NULL CHECK (seats_member BETWEEN 0 AND 200),
    polling_day date NOT NULL,
    status text NOT NULL DEFAULT 'draft',
    -- Frozen at creation (GEN-8): later profile changes do not move an election's rules.
    law_version integer NOT NULL,
    roll_days_before integer NOT NULL,
    candidate_days_before integer NOT NULL,
    roll_published_on date,
    candidates_published_on date,
    version integer NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX election_area_path_gist ON election USING gist (area_path);

CREATE TABLE election_station (
    id uuid PRIMARY KEY,
    election_id uuid NOT NULL REFERENCES election (id),
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    registered_voters integer NOT NULL CHECK (registered_voters >= 0),
    mobile boolean NOT NULL DEFAULT false
);
CREATE INDEX election_station_election ON election_station (election_id, id);

CREATE TABLE election_candidate (
    id uuid PRIMARY KEY,
    election_id uuid NOT NULL REFERENCES election (id),
    person_id uuid NOT NULL REFERENCES person (id),
    position text NOT NULL CHECK (position IN ('director', 'deputy_director', 'member')),
    round integer NOT NULL DEFAULT 1 CHECK (round BETWEEN 1 AND 10),
    UNIQUE (election_id, person_id, round)
);

CREATE TABLE election_tally (
    station_id uuid NOT NULL REFERENCES election_station (id),
    round integer NOT NULL,
    issued integer NOT NULL,
    cast_count integer NOT NULL,
    valid integer NOT NULL,
    invalid integer NOT NULL,
    proxy integer NOT NULL,
    votes jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_id, round),
    CHECK (cast_count <= issued AND valid + invalid = cast_count)
);

CREATE TABLE recall (
    id uuid PRIMARY KEY,
    member_id uuid NOT NULL REFERENCES committee_member (id),
    area_path ltree NOT NULL,
    signatures integer NOT NULL,
    representative_signatures integer NOT NULL,
    representatives integer NOT NULL,
    registered_voters integer NOT NULL,
    cast_count integer NOT NULL,
    in_favour integer NOT NULL,
    passed boolean NOT NULL,
    reasons text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

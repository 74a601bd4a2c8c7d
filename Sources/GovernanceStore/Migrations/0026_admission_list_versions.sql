-- ADM-1: the admitted lists (依法履职事项清单, 协助政府工作事项清单) are published per year by a
-- district or the city as numbered versions; each version holds the admitted items it lists.
CREATE TABLE admission_list_version (
    id uuid NOT NULL,
    area_id uuid NOT NULL,
    area_path ltree NOT NULL,
    year integer NOT NULL,
    version integer NOT NULL,
    published_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT admission_list_version_pk PRIMARY KEY (id),
    CONSTRAINT admission_list_version_area_id_fk FOREIGN KEY (area_id) REFERENCES area (id),
    CONSTRAINT admission_list_version_year_valid CHECK (year BETWEEN 2000 AND 2100),
    CONSTRAINT admission_list_version_number_valid CHECK (version >= 1),
    CONSTRAINT admission_list_version_unique UNIQUE (area_id, year, version)
);
CREATE INDEX admission_list_version_area_path_gist ON admission_list_version USING gist (area_path);

CREATE TABLE admission_list_item (
    version_id uuid NOT NULL,
    application_id uuid NOT NULL,
    CONSTRAINT admission_list_item_pk PRIMARY KEY (version_id, application_id),
    CONSTRAINT admission_list_item_version_id_fk FOREIGN KEY (version_id) REFERENCES admission_list_version (id),
    CONSTRAINT admission_list_item_application_id_fk FOREIGN KEY (application_id) REFERENCES admission_application (id)
);
CREATE INDEX admission_list_item_application ON admission_list_item (application_id);

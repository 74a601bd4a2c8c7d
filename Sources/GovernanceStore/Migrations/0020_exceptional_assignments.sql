-- ADM-6 and ADM-12: work that reaches a community outside the admitted lists, an emergency
-- (time-boxed, on a government decision) or a purchase of service (a contract with an amount),
-- kept apart from admitted assignments so both can be counted and reported to the street.
CREATE TABLE admission_exception (
    id uuid NOT NULL,
    mode text NOT NULL,
    department_id uuid NOT NULL,
    community_id uuid NOT NULL,
    area_path ltree NOT NULL,
    title text NOT NULL,
    matter text NOT NULL DEFAULT 'other',
    emergency_event text,
    decision_reference text,
    contract_reference text,
    amount bigint,
    starts_on date NOT NULL,
    ends_on date NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT admission_exception_pk PRIMARY KEY (id),
    CONSTRAINT admission_exception_department_id_fk FOREIGN KEY (department_id) REFERENCES department (id),
    CONSTRAINT admission_exception_community_id_fk FOREIGN KEY (community_id) REFERENCES area (id),
    CONSTRAINT admission_exception_mode_valid CHECK (mode IN ('emergency', 'purchase_of_service')),
    CONSTRAINT admission_exception_matter_valid CHECK (matter IN (
        'administrative_enforcement', 'demolition', 'environmental_rectification_lead', 'urban_management_lead',
        'investment_attraction', 'other')),
    CONSTRAINT admission_exception_title_valid CHECK (length(title) BETWEEN 1 AND 200),
    CONSTRAINT admission_exception_emergency_complete CHECK (
        mode <> 'emergency' OR (emergency_event IS NOT NULL AND decision_reference IS NOT NULL)),
    CONSTRAINT admission_exception_purchase_complete CHECK (
        mode <> 'purchase_of_service' OR (contract_reference IS NOT NULL AND amount > 0)),
    CONSTRAINT admission_exception_term_ordered CHECK (ends_on >= starts_on)
);
CREATE INDEX admission_exception_area_path_gist ON admission_exception USING gist (area_path);
CREATE INDEX admission_exception_emergency ON admission_exception (department_id, community_id, emergency_event, starts_on)
    WHERE mode = 'emergency';

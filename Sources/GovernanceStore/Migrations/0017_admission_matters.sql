-- ADM-8: the kind of matter an application would push; the forbidden kinds are refused by the
-- domain at application and at every push. Applications so far are `other`.
ALTER TABLE admission_application ADD COLUMN matter text NOT NULL DEFAULT 'other';
ALTER TABLE admission_application ADD CONSTRAINT admission_application_matter_valid CHECK (matter IN (
    'administrative_enforcement', 'demolition', 'environmental_rectification_lead', 'urban_management_lead',
    'investment_attraction', 'other'));

-- ADM-3: the written entrustment (书面委托) an assistance matter needs beside its funding.
ALTER TABLE admission_application
    ADD COLUMN entrustment_reference text,
    ADD COLUMN entrustment_date date;
ALTER TABLE admission_application ADD CONSTRAINT admission_application_entrustment_reference_valid
    CHECK (length(entrustment_reference) BETWEEN 1 AND 200);

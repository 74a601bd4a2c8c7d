-- ADM-5: the 30- and 15-day deadlines are working days, counted with the city's calendar when
-- the application is drafted and submitted, and stored so lists filter on them in SQL. Earlier
-- applications keep their calendar-day deadlines, with no calendar marker.
ALTER TABLE admission_application
    ADD COLUMN submit_by date,
    ADD COLUMN submit_by_calendar text,
    ADD COLUMN decision_due date,
    ADD COLUMN decision_due_calendar text;
UPDATE admission_application SET submit_by = starts_on - 30, decision_due = submitted_on + 15;
ALTER TABLE admission_application ALTER COLUMN submit_by SET NOT NULL;
ALTER TABLE admission_application ADD CONSTRAINT admission_application_submit_by_calendar_valid
    CHECK (submit_by_calendar IN ('official', 'weekdays_only'));
ALTER TABLE admission_application ADD CONSTRAINT admission_application_decision_due_calendar_valid
    CHECK (decision_due_calendar IN ('official', 'weekdays_only'));
ALTER TABLE admission_application ADD CONSTRAINT admission_application_decision_due_after_submission
    CHECK (decision_due >= submitted_on);

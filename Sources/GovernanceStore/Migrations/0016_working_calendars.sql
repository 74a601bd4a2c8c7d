-- Working-day calendars (ADM-5, EVT deadlines in working days): a city loads each year's public
-- holidays and adjusted working weekends (调休) as the State Council publishes them. Nothing is
-- built in; a year without a calendar counts Monday to Friday and says so.
CREATE TABLE working_calendar (
    city_path ltree NOT NULL,
    year integer NOT NULL,
    holidays date[] NOT NULL,
    working_weekends date[] NOT NULL,
    version integer NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT working_calendar_pk PRIMARY KEY (city_path, year),
    CONSTRAINT working_calendar_year_valid CHECK (year BETWEEN 2000 AND 2100)
);

-- Which calendar an event's working-day deadline was counted with: `official` or `weekdays_only`.
ALTER TABLE grid_event ADD COLUMN due_calendar text;
ALTER TABLE grid_event ADD CONSTRAINT grid_event_due_calendar_valid CHECK (due_calendar IN ('official', 'weekdays_only'));

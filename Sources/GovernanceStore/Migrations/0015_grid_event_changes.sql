-- Grid events join the change feed: a data platform following /v1/changes sees every report and
-- every step (each step raises the event's version).
CREATE TRIGGER grid_event_changed AFTER INSERT OR DELETE ON grid_event
    FOR EACH ROW EXECUTE FUNCTION record_change('grid_event', 'area_id', 'area_path');
CREATE TRIGGER grid_event_updated AFTER UPDATE ON grid_event
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version)
    EXECUTE FUNCTION record_change('grid_event', 'area_id', 'area_path');

-- An event's read lists the reports merged into it: without this index that list scanned every event.
CREATE INDEX grid_event_merged_into ON grid_event (merged_into_id) WHERE merged_into_id IS NOT NULL;

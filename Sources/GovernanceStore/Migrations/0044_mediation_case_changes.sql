-- Mediation cases join the change feed (issue 14): a data platform following /v1/changes sees
-- every case received and every step that raises its version, scoped by the area it came from
-- (which every level that may read the case lies over or at).
CREATE TRIGGER mediation_case_changed AFTER INSERT OR DELETE ON mediation_case
    FOR EACH ROW EXECUTE FUNCTION record_change('mediation_case', 'origin_area_id', 'origin_path');
CREATE TRIGGER mediation_case_updated AFTER UPDATE ON mediation_case
    FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version)
    EXECUTE FUNCTION record_change('mediation_case', 'origin_area_id', 'origin_path');

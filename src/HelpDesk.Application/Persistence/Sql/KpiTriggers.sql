-- The triggers that keep the KPI totals (docs/kpis.md, "How the figures are kept"). CREATE OR REPLACE
-- (PostgreSQL 14 and later), so a migration may apply this file again (SqlFiles.KpiTriggers).

CREATE OR REPLACE TRIGGER kpi_totals_case_inserted AFTER INSERT ON complaints
    FOR EACH ROW EXECUTE FUNCTION kpi_record_case_change();
-- Only the columns the case's figures are made of; agent performance follows case_resolutions.
CREATE OR REPLACE TRIGGER kpi_totals_case_changed AFTER UPDATE ON complaints
    FOR EACH ROW WHEN ((OLD.received_at, OLD.department_id, OLD.channel, OLD.complaint_type_id, OLD.kind,
                        OLD.acknowledge_due, OLD.acknowledged_at, OLD.resolve_due, OLD.resolved_at,
                        OLD.resolved_at_first_contact, OLD.reopen_count, OLD.satisfaction,
                        OLD.acknowledged_in_business_minutes, OLD.resolved_in_business_minutes)
                   IS DISTINCT FROM
                       (NEW.received_at, NEW.department_id, NEW.channel, NEW.complaint_type_id, NEW.kind,
                        NEW.acknowledge_due, NEW.acknowledged_at, NEW.resolve_due, NEW.resolved_at,
                        NEW.resolved_at_first_contact, NEW.reopen_count, NEW.satisfaction,
                        NEW.acknowledged_in_business_minutes, NEW.resolved_in_business_minutes))
    EXECUTE FUNCTION kpi_record_case_change();
-- BEFORE, so a survey answer removed by the cascade is still there to be taken away with its case.
CREATE OR REPLACE TRIGGER kpi_totals_case_deleted BEFORE DELETE ON complaints
    FOR EACH ROW EXECUTE FUNCTION kpi_record_case_change();
CREATE OR REPLACE TRIGGER kpi_totals_survey_changed AFTER INSERT OR UPDATE OR DELETE ON survey_responses
    FOR EACH ROW EXECUTE FUNCTION kpi_record_survey_change();
CREATE OR REPLACE TRIGGER kpi_totals_cases_truncated AFTER TRUNCATE ON complaints
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_totals_rebuild_after_truncate();
CREATE OR REPLACE TRIGGER kpi_totals_surveys_truncated AFTER TRUNCATE ON survey_responses
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_totals_rebuild_after_truncate();
CREATE OR REPLACE TRIGGER kpi_totals_resolution_changed AFTER INSERT OR UPDATE OR DELETE ON case_resolutions
    FOR EACH ROW EXECUTE FUNCTION kpi_record_resolution_change();
CREATE OR REPLACE TRIGGER kpi_totals_resolutions_truncated AFTER TRUNCATE ON case_resolutions
    FOR EACH STATEMENT EXECUTE FUNCTION kpi_totals_rebuild_after_truncate();

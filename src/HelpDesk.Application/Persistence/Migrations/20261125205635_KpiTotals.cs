using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Application.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class KpiTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_complaints_kpi_undecided",
                table: "complaints",
                column: "received_at",
                filter: "acknowledged_at IS NULL OR resolved_at IS NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "department_id", "channel", "complaint_type_id", "acknowledge_due", "acknowledged_at", "resolve_due", "resolved_at", "resolution_paused" });

            // The KPI totals (docs/kpis.md, "How the figures are kept"): each case's figures summed per
            // day it was received (in the desk's time zone), department, channel and type. Triggers
            // write every change to a case or its survey answer as rows of differences in the same
            // transaction, so the totals are never behind what is committed; a background job folds the
            // differences into the totals. The desk's zone is written by the app (KpiTotals.EnsureBuilt);
            // until then the triggers do nothing and the KPIs read the cases themselves.
            migrationBuilder.Sql("""
                CREATE TABLE kpi_totals_state (
                    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                    zone text NOT NULL,
                    built_at timestamptz NOT NULL
                );

                CREATE TABLE kpi_daily_totals (
                    day date NOT NULL,
                    department_id integer NOT NULL,
                    channel text NOT NULL,
                    complaint_type_id integer NOT NULL,
                    cases integer NOT NULL,
                    complaints integer NOT NULL,
                    acknowledged integer NOT NULL,
                    ack_met integer NOT NULL,
                    resolved integer NOT NULL,
                    res_met integer NOT NULL,
                    first_contact integer NOT NULL,
                    ack_minutes bigint NOT NULL,
                    ack_timed integer NOT NULL,
                    res_minutes bigint NOT NULL,
                    res_timed integer NOT NULL,
                    online_minutes bigint NOT NULL,
                    online_timed integer NOT NULL,
                    ever_resolved integer NOT NULL,
                    reopened integer NOT NULL,
                    csat_answers integer NOT NULL,
                    csat_satisfied integer NOT NULL,
                    nps_answers integer NOT NULL,
                    promoters integer NOT NULL,
                    detractors integer NOT NULL,
                    PRIMARY KEY (day, department_id, channel, complaint_type_id)
                );

                -- Agent performance follows the work done: per local day resolved, assignee and department.
                CREATE TABLE kpi_daily_resolutions (
                    day date NOT NULL,
                    assignee_id text NOT NULL,
                    department_id integer NOT NULL,
                    cases integer NOT NULL,
                    met integer NOT NULL,
                    first_contact integer NOT NULL,
                    csat_answers integer NOT NULL,
                    csat_satisfied integer NOT NULL,
                    PRIMARY KEY (day, assignee_id, department_id)
                );

                -- Append-only: writers never update a shared row, so logging cases at the same moment never queue on a lock.
                CREATE TABLE kpi_daily_changes (LIKE kpi_daily_totals);
                CREATE TABLE kpi_daily_resolution_changes (LIKE kpi_daily_resolutions);
                CREATE INDEX ix_kpi_daily_resolution_changes_day ON kpi_daily_resolution_changes (day);
                CREATE INDEX ix_kpi_daily_resolutions_empty ON kpi_daily_resolutions (day) WHERE cases = 0;
                CREATE INDEX ix_kpi_daily_changes_day ON kpi_daily_changes (day);
                -- Groups emptied by a fold, found without reading the whole table.
                CREATE INDEX ix_kpi_daily_totals_empty ON kpi_daily_totals (day) WHERE cases = 0;

                -- One case's contribution to the totals, times weight (1 to add it, -1 to take it away).
                -- department 0 is "no department". Satisfaction is the survey answer when there is one,
                -- else the follow-up rating; satisfied is 4 or 5. NPS is the survey's only.
                CREATE FUNCTION kpi_case_figures(c complaints, survey_csat integer, survey_nps integer, zone text, weight integer)
                RETURNS TABLE (
                    day date, department_id integer, channel text, complaint_type_id integer,
                    cases integer, complaints integer, acknowledged integer, ack_met integer, resolved integer, res_met integer,
                    first_contact integer, ack_minutes bigint, ack_timed integer, res_minutes bigint, res_timed integer,
                    online_minutes bigint, online_timed integer, ever_resolved integer, reopened integer,
                    csat_answers integer, csat_satisfied integer, nps_answers integer, promoters integer, detractors integer)
                LANGUAGE sql STABLE AS $$
                    SELECT (c.received_at AT TIME ZONE zone)::date,
                           coalesce(c.department_id, 0),
                           c.channel::text,
                           c.complaint_type_id,
                           weight,
                           weight * (c.kind = 'Complaint')::int,
                           weight * (c.acknowledged_at IS NOT NULL)::int,
                           weight * coalesce(c.resolved_at_first_contact OR c.acknowledged_at <= c.acknowledge_due, false)::int,
                           weight * (c.resolved_at IS NOT NULL)::int,
                           weight * coalesce(c.resolved_at_first_contact OR c.resolved_at <= c.resolve_due, false)::int,
                           weight * (c.resolved_at_first_contact AND c.resolved_at IS NOT NULL)::int,
                           weight * coalesce(c.acknowledged_in_business_minutes, 0)::bigint,
                           weight * (c.acknowledged_in_business_minutes IS NOT NULL)::int,
                           weight * coalesce(c.resolved_in_business_minutes, 0)::bigint,
                           weight * (c.resolved_in_business_minutes IS NOT NULL)::int,
                           weight * CASE WHEN c.channel IN ('Email', 'SocialMedia', 'LiveChat', 'WebForm') THEN coalesce(c.acknowledged_in_business_minutes, 0) ELSE 0 END::bigint,
                           weight * (c.channel IN ('Email', 'SocialMedia', 'LiveChat', 'WebForm') AND c.acknowledged_in_business_minutes IS NOT NULL)::int,
                           weight * (c.resolved_at IS NOT NULL OR c.reopen_count > 0)::int,
                           weight * (c.reopen_count > 0)::int,
                           weight * (coalesce(survey_csat, c.satisfaction) IS NOT NULL)::int,
                           weight * coalesce(coalesce(survey_csat, c.satisfaction) >= 4, false)::int,
                           weight * (survey_nps IS NOT NULL)::int,
                           weight * coalesce(survey_nps >= 9, false)::int,
                           weight * coalesce(survey_nps <= 6, false)::int
                $$;

                -- One resolved case's contribution to agent performance (no row unless resolved while assigned).
                CREATE FUNCTION kpi_case_resolution(c complaints, survey_csat integer, zone text, weight integer)
                RETURNS TABLE (
                    day date, assignee_id text, department_id integer,
                    cases integer, met integer, first_contact integer, csat_answers integer, csat_satisfied integer)
                LANGUAGE sql STABLE AS $$
                    SELECT (c.resolved_at AT TIME ZONE zone)::date,
                           c.assignee_id::text,
                           coalesce(c.department_id, 0),
                           weight,
                           weight * coalesce(c.resolved_at_first_contact OR c.resolved_at <= c.resolve_due, false)::int,
                           weight * c.resolved_at_first_contact::int,
                           weight * (coalesce(survey_csat, c.satisfaction) IS NOT NULL)::int,
                           weight * coalesce(coalesce(survey_csat, c.satisfaction) >= 4, false)::int
                    WHERE c.resolved_at IS NOT NULL AND c.assignee_id IS NOT NULL
                $$;

                CREATE FUNCTION kpi_record_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    desk_zone text := (SELECT s.zone FROM kpi_totals_state AS s);
                    answer survey_responses;
                BEGIN
                    IF desk_zone IS NULL THEN
                        RETURN OLD; -- the delete goes ahead (a BEFORE trigger's answer); INSERT and UPDATE ignore it
                    END IF;
                    IF TG_OP = 'INSERT' THEN
                        -- A new case has no survey answer yet.
                        INSERT INTO kpi_daily_changes
                        SELECT f.* FROM kpi_case_figures(NEW, NULL, NULL, desk_zone, 1) AS f;
                        INSERT INTO kpi_daily_resolution_changes
                        SELECT r.* FROM kpi_case_resolution(NEW, NULL, desk_zone, 1) AS r;
                        RETURN OLD;
                    END IF;
                    SELECT s.* INTO answer FROM survey_responses AS s WHERE s.complaint_id = OLD.id;
                    IF TG_OP = 'UPDATE' THEN
                        INSERT INTO kpi_daily_changes
                        SELECT f.* FROM kpi_case_figures(OLD, answer.csat, answer.nps, desk_zone, -1) AS f
                        UNION ALL
                        SELECT f.* FROM kpi_case_figures(NEW, answer.csat, answer.nps, desk_zone, 1) AS f;
                        INSERT INTO kpi_daily_resolution_changes
                        SELECT r.* FROM kpi_case_resolution(OLD, answer.csat, desk_zone, -1) AS r
                        UNION ALL
                        SELECT r.* FROM kpi_case_resolution(NEW, answer.csat, desk_zone, 1) AS r;
                    ELSE
                        INSERT INTO kpi_daily_changes
                        SELECT f.* FROM kpi_case_figures(OLD, answer.csat, answer.nps, desk_zone, -1) AS f;
                        INSERT INTO kpi_daily_resolution_changes
                        SELECT r.* FROM kpi_case_resolution(OLD, answer.csat, desk_zone, -1) AS r;
                    END IF;
                    RETURN OLD;
                END
                $$;

                -- A survey answer changes its case's satisfaction figures: take the case away as it was
                -- counted, add it back with the answer as it is now.
                CREATE FUNCTION kpi_record_survey_change() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    desk_zone text := (SELECT s.zone FROM kpi_totals_state AS s);
                BEGIN
                    IF desk_zone IS NULL THEN
                        RETURN NULL;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        INSERT INTO kpi_daily_changes
                        SELECT f.* FROM complaints AS c, kpi_case_figures(c, OLD.csat, OLD.nps, desk_zone, -1) AS f WHERE c.id = OLD.complaint_id
                        UNION ALL
                        SELECT f.* FROM complaints AS c, kpi_case_figures(c, NULL, NULL, desk_zone, 1) AS f WHERE c.id = OLD.complaint_id;
                        INSERT INTO kpi_daily_resolution_changes
                        SELECT r.* FROM complaints AS c, kpi_case_resolution(c, OLD.csat, desk_zone, -1) AS r WHERE c.id = OLD.complaint_id
                        UNION ALL
                        SELECT r.* FROM complaints AS c, kpi_case_resolution(c, NULL, desk_zone, 1) AS r WHERE c.id = OLD.complaint_id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        INSERT INTO kpi_daily_changes
                        SELECT f.* FROM complaints AS c, kpi_case_figures(c, NULL, NULL, desk_zone, -1) AS f WHERE c.id = NEW.complaint_id
                        UNION ALL
                        SELECT f.* FROM complaints AS c, kpi_case_figures(c, NEW.csat, NEW.nps, desk_zone, 1) AS f WHERE c.id = NEW.complaint_id;
                        INSERT INTO kpi_daily_resolution_changes
                        SELECT r.* FROM complaints AS c, kpi_case_resolution(c, NULL, desk_zone, -1) AS r WHERE c.id = NEW.complaint_id
                        UNION ALL
                        SELECT r.* FROM complaints AS c, kpi_case_resolution(c, NEW.csat, desk_zone, 1) AS r WHERE c.id = NEW.complaint_id;
                    END IF;
                    RETURN NULL;
                END
                $$;

                -- Every case counted afresh: on building, on a change of the desk's zone, and after a TRUNCATE.
                CREATE FUNCTION kpi_totals_rebuild() RETURNS void LANGUAGE plpgsql AS $$
                DECLARE
                    desk_zone text := (SELECT s.zone FROM kpi_totals_state AS s);
                BEGIN
                    DELETE FROM kpi_daily_changes;
                    DELETE FROM kpi_daily_totals;
                    DELETE FROM kpi_daily_resolution_changes;
                    DELETE FROM kpi_daily_resolutions;
                    IF desk_zone IS NULL THEN
                        RETURN;
                    END IF;
                    INSERT INTO kpi_daily_totals
                    SELECT f.day, f.department_id, f.channel, f.complaint_type_id,
                           sum(f.cases), sum(f.complaints), sum(f.acknowledged), sum(f.ack_met), sum(f.resolved), sum(f.res_met),
                           sum(f.first_contact), sum(f.ack_minutes), sum(f.ack_timed), sum(f.res_minutes), sum(f.res_timed),
                           sum(f.online_minutes), sum(f.online_timed), sum(f.ever_resolved), sum(f.reopened),
                           sum(f.csat_answers), sum(f.csat_satisfied), sum(f.nps_answers), sum(f.promoters), sum(f.detractors)
                    FROM complaints AS c
                    LEFT JOIN survey_responses AS s ON s.complaint_id = c.id
                    CROSS JOIN LATERAL kpi_case_figures(c, s.csat, s.nps, desk_zone, 1) AS f
                    GROUP BY f.day, f.department_id, f.channel, f.complaint_type_id;
                    INSERT INTO kpi_daily_resolutions
                    SELECT r.day, r.assignee_id, r.department_id,
                           sum(r.cases), sum(r.met), sum(r.first_contact), sum(r.csat_answers), sum(r.csat_satisfied)
                    FROM complaints AS c
                    LEFT JOIN survey_responses AS s ON s.complaint_id = c.id
                    CROSS JOIN LATERAL kpi_case_resolution(c, s.csat, desk_zone, 1) AS r
                    WHERE c.resolved_at IS NOT NULL AND c.assignee_id IS NOT NULL
                    GROUP BY r.day, r.assignee_id, r.department_id;
                END
                $$;

                -- Folds the committed differences into the totals. Rows written by transactions still in
                -- progress are not visible to the DELETE and wait for the next fold.
                CREATE FUNCTION kpi_totals_fold() RETURNS integer LANGUAGE plpgsql AS $$
                DECLARE
                    folded integer;
                BEGIN
                    WITH moved AS (
                        DELETE FROM kpi_daily_changes RETURNING *
                    ), summed AS (
                        SELECT m.day, m.department_id, m.channel, m.complaint_type_id, count(*) AS rows,
                               sum(m.cases) AS cases, sum(m.complaints) AS complaints, sum(m.acknowledged) AS acknowledged, sum(m.ack_met) AS ack_met,
                               sum(m.resolved) AS resolved, sum(m.res_met) AS res_met, sum(m.first_contact) AS first_contact,
                               sum(m.ack_minutes) AS ack_minutes, sum(m.ack_timed) AS ack_timed, sum(m.res_minutes) AS res_minutes, sum(m.res_timed) AS res_timed,
                               sum(m.online_minutes) AS online_minutes, sum(m.online_timed) AS online_timed, sum(m.ever_resolved) AS ever_resolved,
                               sum(m.reopened) AS reopened, sum(m.csat_answers) AS csat_answers, sum(m.csat_satisfied) AS csat_satisfied,
                               sum(m.nps_answers) AS nps_answers, sum(m.promoters) AS promoters, sum(m.detractors) AS detractors
                        FROM moved AS m
                        GROUP BY m.day, m.department_id, m.channel, m.complaint_type_id
                    ), upserted AS (
                        INSERT INTO kpi_daily_totals AS t
                        SELECT s.day, s.department_id, s.channel, s.complaint_type_id, s.cases, s.complaints, s.acknowledged, s.ack_met,
                               s.resolved, s.res_met, s.first_contact, s.ack_minutes, s.ack_timed, s.res_minutes, s.res_timed,
                               s.online_minutes, s.online_timed, s.ever_resolved, s.reopened, s.csat_answers, s.csat_satisfied,
                               s.nps_answers, s.promoters, s.detractors
                        FROM summed AS s
                        ON CONFLICT (day, department_id, channel, complaint_type_id) DO UPDATE SET
                            cases = t.cases + excluded.cases, complaints = t.complaints + excluded.complaints,
                            acknowledged = t.acknowledged + excluded.acknowledged, ack_met = t.ack_met + excluded.ack_met,
                            resolved = t.resolved + excluded.resolved, res_met = t.res_met + excluded.res_met,
                            first_contact = t.first_contact + excluded.first_contact,
                            ack_minutes = t.ack_minutes + excluded.ack_minutes, ack_timed = t.ack_timed + excluded.ack_timed,
                            res_minutes = t.res_minutes + excluded.res_minutes, res_timed = t.res_timed + excluded.res_timed,
                            online_minutes = t.online_minutes + excluded.online_minutes, online_timed = t.online_timed + excluded.online_timed,
                            ever_resolved = t.ever_resolved + excluded.ever_resolved, reopened = t.reopened + excluded.reopened,
                            csat_answers = t.csat_answers + excluded.csat_answers, csat_satisfied = t.csat_satisfied + excluded.csat_satisfied,
                            nps_answers = t.nps_answers + excluded.nps_answers, promoters = t.promoters + excluded.promoters,
                            detractors = t.detractors + excluded.detractors
                        RETURNING 1
                    )
                    SELECT coalesce(sum(s.rows), 0) INTO folded FROM summed AS s, (SELECT count(*) FROM upserted) AS u;

                    WITH moved AS (
                        DELETE FROM kpi_daily_resolution_changes RETURNING *
                    ), summed AS (
                        SELECT m.day, m.assignee_id, m.department_id, count(*) AS rows,
                               sum(m.cases) AS cases, sum(m.met) AS met, sum(m.first_contact) AS first_contact,
                               sum(m.csat_answers) AS csat_answers, sum(m.csat_satisfied) AS csat_satisfied
                        FROM moved AS m
                        GROUP BY m.day, m.assignee_id, m.department_id
                    ), upserted AS (
                        INSERT INTO kpi_daily_resolutions AS t
                        SELECT s.day, s.assignee_id, s.department_id, s.cases, s.met, s.first_contact, s.csat_answers, s.csat_satisfied
                        FROM summed AS s
                        ON CONFLICT (day, assignee_id, department_id) DO UPDATE SET
                            cases = t.cases + excluded.cases, met = t.met + excluded.met,
                            first_contact = t.first_contact + excluded.first_contact,
                            csat_answers = t.csat_answers + excluded.csat_answers, csat_satisfied = t.csat_satisfied + excluded.csat_satisfied
                        RETURNING 1
                    )
                    SELECT folded + coalesce(sum(s.rows), 0) INTO folded FROM summed AS s, (SELECT count(*) FROM upserted) AS u;

                    -- A group whose cases all moved elsewhere (another department, a changed type or assignee) is empty.
                    DELETE FROM kpi_daily_totals WHERE cases = 0;
                    DELETE FROM kpi_daily_resolutions WHERE cases = 0;
                    RETURN folded;
                END
                $$;

                CREATE FUNCTION kpi_totals_rebuild_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM kpi_totals_rebuild();
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER kpi_totals_case_inserted AFTER INSERT ON complaints
                    FOR EACH ROW EXECUTE FUNCTION kpi_record_case_change();
                -- Only the columns the figures are made of: the sweeper's marks and timeline notes cost nothing here.
                CREATE TRIGGER kpi_totals_case_changed AFTER UPDATE ON complaints
                    FOR EACH ROW WHEN ((OLD.received_at, OLD.department_id, OLD.channel, OLD.complaint_type_id, OLD.kind,
                                        OLD.acknowledge_due, OLD.acknowledged_at, OLD.resolve_due, OLD.resolved_at,
                                        OLD.resolved_at_first_contact, OLD.reopen_count, OLD.satisfaction,
                                        OLD.acknowledged_in_business_minutes, OLD.resolved_in_business_minutes, OLD.assignee_id)
                                   IS DISTINCT FROM
                                       (NEW.received_at, NEW.department_id, NEW.channel, NEW.complaint_type_id, NEW.kind,
                                        NEW.acknowledge_due, NEW.acknowledged_at, NEW.resolve_due, NEW.resolved_at,
                                        NEW.resolved_at_first_contact, NEW.reopen_count, NEW.satisfaction,
                                        NEW.acknowledged_in_business_minutes, NEW.resolved_in_business_minutes, NEW.assignee_id))
                    EXECUTE FUNCTION kpi_record_case_change();
                -- BEFORE, so a survey answer removed by the cascade is still there to be taken away with its case.
                CREATE TRIGGER kpi_totals_case_deleted BEFORE DELETE ON complaints
                    FOR EACH ROW EXECUTE FUNCTION kpi_record_case_change();
                CREATE TRIGGER kpi_totals_survey_changed AFTER INSERT OR UPDATE OR DELETE ON survey_responses
                    FOR EACH ROW EXECUTE FUNCTION kpi_record_survey_change();
                CREATE TRIGGER kpi_totals_cases_truncated AFTER TRUNCATE ON complaints
                    FOR EACH STATEMENT EXECUTE FUNCTION kpi_totals_rebuild_after_truncate();
                CREATE TRIGGER kpi_totals_surveys_truncated AFTER TRUNCATE ON survey_responses
                    FOR EACH STATEMENT EXECUTE FUNCTION kpi_totals_rebuild_after_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER kpi_totals_surveys_truncated ON survey_responses;
                DROP TRIGGER kpi_totals_cases_truncated ON complaints;
                DROP TRIGGER kpi_totals_survey_changed ON survey_responses;
                DROP TRIGGER kpi_totals_case_deleted ON complaints;
                DROP TRIGGER kpi_totals_case_changed ON complaints;
                DROP TRIGGER kpi_totals_case_inserted ON complaints;
                DROP FUNCTION kpi_totals_rebuild_after_truncate();
                DROP FUNCTION kpi_totals_fold();
                DROP FUNCTION kpi_totals_rebuild();
                DROP FUNCTION kpi_record_survey_change();
                DROP FUNCTION kpi_record_case_change();
                DROP FUNCTION kpi_case_resolution(complaints, integer, text, integer);
                DROP FUNCTION kpi_case_figures(complaints, integer, integer, text, integer);
                DROP TABLE kpi_daily_resolution_changes;
                DROP TABLE kpi_daily_resolutions;
                DROP TABLE kpi_daily_changes;
                DROP TABLE kpi_daily_totals;
                DROP TABLE kpi_totals_state;
                """);

            migrationBuilder.DropIndex(
                name: "ix_complaints_kpi_undecided",
                table: "complaints");
        }
    }
}

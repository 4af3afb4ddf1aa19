-- The KPI functions (docs/kpis.md, "How the figures are kept"): the one definition of every figure
-- (kpi_case_figures for a case, kpi_case_resolution for a resolution), the trigger functions that
-- write each change as differences, and the rebuild and fold. Every statement is CREATE OR REPLACE,
-- so a migration that changes one applies this whole file again (SqlFiles.KpiFunctions). A change of
-- a function's arguments or result columns needs a DROP FUNCTION first, in that migration.
-- SQL-language functions are checked when created: each comes after the functions it calls.

-- The rules the figures are made of, each written once (docs/kpis.md). One-expression IMMUTABLE SQL
-- functions, which the planner inlines where they are called, so they cost nothing per row.

-- A deadline is met when its step was done by the time it was due, or the case was resolved at first contact.
CREATE OR REPLACE FUNCTION kpi_met(at_first_contact boolean, done timestamptz, due timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(at_first_contact OR done <= due, false)
$$;

-- The channels the online response time is measured on (policy 001 §VII, Table 2).
CREATE OR REPLACE FUNCTION kpi_online(channel text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT channel IN ('Email', 'SocialMedia', 'LiveChat', 'WebForm')
$$;

-- A satisfaction answer (1 to 5) is satisfied at 4 or 5.
CREATE OR REPLACE FUNCTION kpi_satisfied(csat integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(csat >= 4, false)
$$;

-- A net promoter answer (0 to 10) is a promoter at 9 or 10.
CREATE OR REPLACE FUNCTION kpi_promoter(nps integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(nps >= 9, false)
$$;

-- A net promoter answer is a detractor at 0 to 6.
CREATE OR REPLACE FUNCTION kpi_detractor(nps integer) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(nps <= 6, false)
$$;

-- One case's contribution to the totals, times weight (1 to add it, -1 to take it away).
-- department 0 is "no department". Satisfaction is the survey answer when there is one,
-- else the follow-up rating. NPS is the survey's only.
CREATE OR REPLACE FUNCTION kpi_case_figures(c complaints, survey_csat integer, survey_nps integer, zone text, weight integer)
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
           weight * kpi_met(c.resolved_at_first_contact, c.acknowledged_at, c.acknowledge_due)::int,
           weight * (c.resolved_at IS NOT NULL)::int,
           weight * kpi_met(c.resolved_at_first_contact, c.resolved_at, c.resolve_due)::int,
           weight * (c.resolved_at_first_contact AND c.resolved_at IS NOT NULL)::int,
           weight * coalesce(c.acknowledged_in_business_minutes, 0)::bigint,
           weight * (c.acknowledged_in_business_minutes IS NOT NULL)::int,
           weight * coalesce(c.resolved_in_business_minutes, 0)::bigint,
           weight * (c.resolved_in_business_minutes IS NOT NULL)::int,
           weight * CASE WHEN kpi_online(c.channel) THEN coalesce(c.acknowledged_in_business_minutes, 0) ELSE 0 END::bigint,
           weight * (kpi_online(c.channel) AND c.acknowledged_in_business_minutes IS NOT NULL)::int,
           weight * (c.resolved_at IS NOT NULL OR c.reopen_count > 0)::int,
           weight * (c.reopen_count > 0)::int,
           weight * (coalesce(survey_csat, c.satisfaction) IS NOT NULL)::int,
           weight * kpi_satisfied(coalesce(survey_csat, c.satisfaction))::int,
           weight * (survey_nps IS NOT NULL)::int,
           weight * kpi_promoter(survey_nps)::int,
           weight * kpi_detractor(survey_nps)::int
$$;

-- The resolution a survey answer speaks for: its case's latest resolved at or before it was given.
CREATE OR REPLACE FUNCTION kpi_answered_resolution(complaint bigint, answered timestamptz) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT r.id FROM case_resolutions AS r
    WHERE r.complaint_id = complaint AND r.resolved_at <= answered
    ORDER BY r.resolved_at DESC, r.id DESC
    LIMIT 1
$$;

-- The survey answer a resolution is credited with, if it is the one the answer speaks for.
CREATE OR REPLACE FUNCTION kpi_resolution_survey_csat(r case_resolutions) RETURNS integer
LANGUAGE sql STABLE AS $$
    SELECT s.csat FROM survey_responses AS s
    WHERE s.complaint_id = r.complaint_id AND s.answered_at >= r.resolved_at
      AND kpi_answered_resolution(s.complaint_id, s.answered_at) = r.id
$$;

-- One resolution's contribution to agent performance, times weight. Satisfaction is the survey
-- answer it is credited with, else the follow-up rating given after it.
CREATE OR REPLACE FUNCTION kpi_case_resolution(r case_resolutions, survey_csat integer, zone text, weight integer)
RETURNS TABLE (
    day date, staff_id text, department_id integer,
    cases integer, met integer, first_contact integer, csat_answers integer, csat_satisfied integer)
LANGUAGE sql STABLE AS $$
    SELECT (r.resolved_at AT TIME ZONE zone)::date,
           r.resolved_by_id::text,
           coalesce(r.department_id, 0),
           weight,
           weight * r.met_deadline::int,
           weight * r.at_first_contact::int,
           weight * (coalesce(survey_csat, r.satisfaction) IS NOT NULL)::int,
           weight * kpi_satisfied(coalesce(survey_csat, r.satisfaction))::int
    WHERE r.resolved_by_id IS NOT NULL
$$;

-- A case's own figures; a deleted case takes its resolutions away with it (BEFORE, while they
-- and its survey answer are still there; their own triggers then find no case and do nothing).
CREATE OR REPLACE FUNCTION kpi_record_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
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
        RETURN OLD;
    END IF;
    SELECT s.* INTO answer FROM survey_responses AS s WHERE s.complaint_id = OLD.id;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO kpi_daily_changes
        SELECT f.* FROM kpi_case_figures(OLD, answer.csat, answer.nps, desk_zone, -1) AS f
        UNION ALL
        SELECT f.* FROM kpi_case_figures(NEW, answer.csat, answer.nps, desk_zone, 1) AS f;
    ELSE
        INSERT INTO kpi_daily_changes
        SELECT f.* FROM kpi_case_figures(OLD, answer.csat, answer.nps, desk_zone, -1) AS f;
        INSERT INTO kpi_daily_resolution_changes
        SELECT f.* FROM case_resolutions AS r, kpi_case_resolution(r, kpi_resolution_survey_csat(r), desk_zone, -1) AS f
        WHERE r.complaint_id = OLD.id;
    END IF;
    RETURN OLD;
END
$$;

-- A resolution recorded, rated at follow-up, or removed. It is a record: its case and time never change.
CREATE OR REPLACE FUNCTION kpi_record_resolution_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    desk_zone text := (SELECT s.zone FROM kpi_totals_state AS s);
    complaint bigint := CASE WHEN TG_OP = 'INSERT' THEN NEW.complaint_id ELSE OLD.complaint_id END;
    answer survey_responses;
    credited bigint;
    other case_resolutions;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.id, NEW.complaint_id, NEW.resolved_at) IS DISTINCT FROM (OLD.id, OLD.complaint_id, OLD.resolved_at) THEN
        RAISE EXCEPTION 'A resolution keeps its case and the time it was recorded; only its follow-up rating changes.';
    END IF;
    IF desk_zone IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM complaints AS c WHERE c.id = complaint) THEN
        RETURN NULL; -- taken away with its case (kpi_record_case_change)
    END IF;
    SELECT s.* INTO answer FROM survey_responses AS s WHERE s.complaint_id = complaint;
    IF answer.complaint_id IS NOT NULL THEN
        credited := kpi_answered_resolution(complaint, answer.answered_at);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO kpi_daily_resolution_changes
        SELECT f.* FROM kpi_case_resolution(OLD, CASE WHEN credited = OLD.id THEN answer.csat END, desk_zone, -1) AS f
        UNION ALL
        SELECT f.* FROM kpi_case_resolution(NEW, CASE WHEN credited = NEW.id THEN answer.csat END, desk_zone, 1) AS f;
    ELSIF TG_OP = 'INSERT' THEN
        INSERT INTO kpi_daily_resolution_changes
        SELECT f.* FROM kpi_case_resolution(NEW, CASE WHEN credited = NEW.id THEN answer.csat END, desk_zone, 1) AS f;
        IF credited = NEW.id THEN
            -- Recorded as of a time before an answer already given: the answer moves to it from the one that had it.
            SELECT r.* INTO other FROM case_resolutions AS r
            WHERE r.complaint_id = complaint AND r.id <> NEW.id AND r.resolved_at <= answer.answered_at
            ORDER BY r.resolved_at DESC, r.id DESC LIMIT 1;
            IF other.id IS NOT NULL THEN
                INSERT INTO kpi_daily_resolution_changes
                SELECT f.* FROM kpi_case_resolution(other, answer.csat, desk_zone, -1) AS f
                UNION ALL
                SELECT f.* FROM kpi_case_resolution(other, NULL, desk_zone, 1) AS f;
            END IF;
        END IF;
    ELSIF answer.complaint_id IS NOT NULL AND OLD.resolved_at <= answer.answered_at
          AND (credited IS NULL OR (SELECT (r.resolved_at, r.id) < (OLD.resolved_at, OLD.id) FROM case_resolutions AS r WHERE r.id = credited)) THEN
        -- It had the answer, which moves to the one now latest before it (if any).
        INSERT INTO kpi_daily_resolution_changes
        SELECT f.* FROM kpi_case_resolution(OLD, answer.csat, desk_zone, -1) AS f
        UNION ALL
        SELECT f.* FROM case_resolutions AS r, kpi_case_resolution(r, NULL, desk_zone, -1) AS f WHERE r.id = credited
        UNION ALL
        SELECT f.* FROM case_resolutions AS r, kpi_case_resolution(r, answer.csat, desk_zone, 1) AS f WHERE r.id = credited;
    ELSE
        INSERT INTO kpi_daily_resolution_changes
        SELECT f.* FROM kpi_case_resolution(OLD, NULL, desk_zone, -1) AS f;
    END IF;
    RETURN NULL;
END
$$;

-- A survey answer changes the satisfaction of its case and of the resolution it speaks for.
CREATE OR REPLACE FUNCTION kpi_record_survey_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    desk_zone text := (SELECT s.zone FROM kpi_totals_state AS s);
    credited bigint;
BEGIN
    IF desk_zone IS NULL THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO kpi_daily_changes
        SELECT f.* FROM complaints AS c, kpi_case_figures(c, OLD.csat, OLD.nps, desk_zone, -1) AS f WHERE c.id = OLD.complaint_id
        UNION ALL
        SELECT f.* FROM complaints AS c, kpi_case_figures(c, NULL, NULL, desk_zone, 1) AS f WHERE c.id = OLD.complaint_id;
        -- No case, nothing to do: a deleted case took its resolutions away with their answer.
        credited := kpi_answered_resolution(OLD.complaint_id, OLD.answered_at);
        INSERT INTO kpi_daily_resolution_changes
        SELECT f.* FROM complaints AS c, case_resolutions AS r, kpi_case_resolution(r, OLD.csat, desk_zone, -1) AS f
        WHERE c.id = OLD.complaint_id AND r.id = credited
        UNION ALL
        SELECT f.* FROM complaints AS c, case_resolutions AS r, kpi_case_resolution(r, NULL, desk_zone, 1) AS f
        WHERE c.id = OLD.complaint_id AND r.id = credited;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO kpi_daily_changes
        SELECT f.* FROM complaints AS c, kpi_case_figures(c, NULL, NULL, desk_zone, -1) AS f WHERE c.id = NEW.complaint_id
        UNION ALL
        SELECT f.* FROM complaints AS c, kpi_case_figures(c, NEW.csat, NEW.nps, desk_zone, 1) AS f WHERE c.id = NEW.complaint_id;
        credited := kpi_answered_resolution(NEW.complaint_id, NEW.answered_at);
        INSERT INTO kpi_daily_resolution_changes
        SELECT f.* FROM case_resolutions AS r, kpi_case_resolution(r, NULL, desk_zone, -1) AS f WHERE r.id = credited
        UNION ALL
        SELECT f.* FROM case_resolutions AS r, kpi_case_resolution(r, NEW.csat, desk_zone, 1) AS f WHERE r.id = credited;
    END IF;
    RETURN NULL;
END
$$;

-- Agent performance counted afresh from every resolution.
CREATE OR REPLACE FUNCTION kpi_resolutions_rebuild(desk_zone text) RETURNS void LANGUAGE sql AS $$
    DELETE FROM kpi_daily_resolution_changes;
    DELETE FROM kpi_daily_resolutions;
    INSERT INTO kpi_daily_resolutions
    SELECT f.day, f.staff_id, f.department_id,
           sum(f.cases), sum(f.met), sum(f.first_contact), sum(f.csat_answers), sum(f.csat_satisfied)
    FROM case_resolutions AS r
    CROSS JOIN LATERAL kpi_case_resolution(r, kpi_resolution_survey_csat(r), desk_zone, 1) AS f
    WHERE desk_zone IS NOT NULL
    GROUP BY f.day, f.staff_id, f.department_id;
$$;

CREATE OR REPLACE FUNCTION kpi_totals_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    desk_zone text := (SELECT s.zone FROM kpi_totals_state AS s);
BEGIN
    DELETE FROM kpi_daily_changes;
    DELETE FROM kpi_daily_totals;
    PERFORM kpi_resolutions_rebuild(desk_zone);
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
END
$$;

CREATE OR REPLACE FUNCTION kpi_totals_fold() RETURNS integer LANGUAGE plpgsql AS $$
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
        SELECT m.day, m.staff_id, m.department_id, count(*) AS rows,
               sum(m.cases) AS cases, sum(m.met) AS met, sum(m.first_contact) AS first_contact,
               sum(m.csat_answers) AS csat_answers, sum(m.csat_satisfied) AS csat_satisfied
        FROM moved AS m
        GROUP BY m.day, m.staff_id, m.department_id
    ), upserted AS (
        INSERT INTO kpi_daily_resolutions AS t
        SELECT s.day, s.staff_id, s.department_id, s.cases, s.met, s.first_contact, s.csat_answers, s.csat_satisfied
        FROM summed AS s
        ON CONFLICT (day, staff_id, department_id) DO UPDATE SET
            cases = t.cases + excluded.cases, met = t.met + excluded.met,
            first_contact = t.first_contact + excluded.first_contact,
            csat_answers = t.csat_answers + excluded.csat_answers, csat_satisfied = t.csat_satisfied + excluded.csat_satisfied
        RETURNING 1
    )
    SELECT folded + coalesce(sum(s.rows), 0) INTO folded FROM summed AS s, (SELECT count(*) FROM upserted) AS u;

    -- A group whose cases all moved elsewhere (another department or a changed type) is empty.
    DELETE FROM kpi_daily_totals WHERE cases = 0;
    DELETE FROM kpi_daily_resolutions WHERE cases = 0;
    RETURN folded;
END
$$;

CREATE OR REPLACE FUNCTION kpi_totals_rebuild_after_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_totals_rebuild();
    RETURN NULL;
END
$$;

-- The KPI totals' tables (docs/kpis.md, "How the figures are kept"), which EF Core does not model:
-- the kept totals per local day, department, channel and type, agent performance per local day,
-- member of staff and department, and the append-only differences the triggers write. Tables
-- cannot be replaced, so this file is applied once, by the InitialCreate migration; a later change
-- to them is a migration of its own.

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

-- Agent performance follows the work done: per local day resolved, member of staff who resolved and department.
CREATE TABLE kpi_daily_resolutions (
    day date NOT NULL,
    staff_id text NOT NULL,
    department_id integer NOT NULL,
    cases integer NOT NULL,
    met integer NOT NULL,
    first_contact integer NOT NULL,
    csat_answers integer NOT NULL,
    csat_satisfied integer NOT NULL,
    PRIMARY KEY (day, staff_id, department_id)
);

-- Append-only: writers never update a shared row, so logging cases at the same moment never queue on a lock.
CREATE TABLE kpi_daily_changes (LIKE kpi_daily_totals);
CREATE TABLE kpi_daily_resolution_changes (LIKE kpi_daily_resolutions);
CREATE INDEX ix_kpi_daily_resolution_changes_day ON kpi_daily_resolution_changes (day);
CREATE INDEX ix_kpi_daily_resolutions_empty ON kpi_daily_resolutions (day) WHERE cases = 0;
CREATE INDEX ix_kpi_daily_changes_day ON kpi_daily_changes (day);
-- Groups emptied by a fold, found without reading the whole table.
CREATE INDEX ix_kpi_daily_totals_empty ON kpi_daily_totals (day) WHERE cases = 0;

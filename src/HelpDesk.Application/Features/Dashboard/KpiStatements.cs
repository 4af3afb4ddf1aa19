using System.Globalization;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// The SQL <see cref="GetKpis"/> runs, built from parts: the rows a period's figures are summed from
/// (kept totals, part days, open deadlines) and the statement that sums them. Every figure is defined
/// once, in Persistence/Sql/KpiFunctions.sql; these statements only choose rows and add them up.
/// Public so the benchmark explains the very statements the handler runs.
/// </summary>
public static class KpiStatements
{
    /// <summary>
    /// Before the totals are built: the figures of every case received in the period, each counted by
    /// <c>kpi_case_figures</c> as the totals count it (Persistence/Sql/KpiFunctions.sql, the one
    /// definition of every figure), grouped as <see cref="TotalsSql"/> groups them.
    /// </summary>
    /// <remarks>Public so the benchmark explains the very statement the handler runs.</remarks>
    public static string CohortSql(bool oneDepartment) => string.Format(CultureInfo.InvariantCulture, TotalsSql, CohortRows("", oneDepartment));

    /// <summary>
    /// The figures summed per week or month, channel and type; {0} is <see cref="PeriodRows"/> for the
    /// period (or <see cref="CohortRows"/>). Public so the benchmark explains the statement the handler runs.
    /// </summary>
    public const string TotalsSql = """
        SELECT GROUPING(k.bucket, k.channel, k.complaint_type_id) AS level,
               k.bucket AS bucket, k.channel AS channel, k.complaint_type_id AS type_id,
               sum(k.cases)::int AS cases,
               sum(k.complaints)::int AS complaints,
               sum(k.acknowledged + k.ack_overdue)::int AS ack_decided,
               sum(k.ack_met)::int AS ack_met,
               sum(k.resolved + k.res_overdue)::int AS res_decided,
               sum(k.res_met)::int AS res_met,
               sum(k.resolved)::int AS resolved,
               sum(k.first_contact)::int AS first_contact,
               sum(k.ack_minutes)::bigint AS ack_minutes,
               sum(k.ack_timed)::int AS ack_timed,
               sum(k.res_minutes)::bigint AS res_minutes,
               sum(k.res_timed)::int AS res_timed,
               sum(k.online_minutes)::bigint AS online_minutes,
               sum(k.online_timed)::int AS online_timed,
               sum(k.ever_resolved)::int AS ever_resolved,
               sum(k.reopened)::int AS reopened,
               sum(k.csat_answers)::int AS csat_answers,
               sum(k.csat_satisfied)::int AS csat_satisfied,
               sum(k.nps_answers)::int AS nps_answers,
               sum(k.promoters)::int AS promoters,
               sum(k.detractors)::int AS detractors
        FROM ({0}) AS k
        GROUP BY GROUPING SETS ((k.bucket), (k.channel), (k.complaint_type_id))
        """;

    /// <summary>The complaints received in a period (the year before's, for the volume change); {0} is <see cref="PeriodRows"/> or <see cref="CohortRows"/>.</summary>
    public const string ComplaintsSql = "SELECT coalesce(sum(k.complaints), 0)::int AS \"Value\" FROM ({0}) AS k";

    /// <summary>
    /// The rows a period's figures are summed from, its parameters prefixed with <paramref name="p"/>
    /// (<c>@{p}from</c>, <c>@{p}to</c>, the whole local days <c>@{p}first_day</c> to <c>@{p}end_day</c>
    /// starting at <c>@{p}whole_from</c> and ending at <c>@{p}whole_to</c>):
    /// <list type="number">
    /// <item>the kept totals and the differences not yet folded into them, for the whole days;</item>
    /// <item>each case received in the part days at either end, counted as the totals would count it;</item>
    /// <item>for the deadlines still open (the cases awaiting acknowledgement or resolution), whether
    /// the clock has already decided them: due before <c>@now</c> and not paused.</item>
    /// </list>
    /// </summary>
    public static string PeriodRows(string p, bool oneDepartment)
    {
        var days = oneDepartment ? "AND t.department_id = @department" : "";
        return $"""
            SELECT {Kept("t")} FROM kpi_daily_totals AS t WHERE t.day >= @{p}first_day AND t.day < @{p}end_day {days}
            UNION ALL
            SELECT {Kept("t")} FROM kpi_daily_changes AS t WHERE t.day >= @{p}first_day AND t.day < @{p}end_day {days}
            UNION ALL
            {CaseRows($"((c.received_at >= @{p}from AND c.received_at < @{p}whole_from) OR (c.received_at >= @{p}whole_to AND c.received_at < @{p}to))", oneDepartment)}
            UNION ALL
            {OpenDeadlineRows(p, oneDepartment)}
            """;
    }

    /// <summary>
    /// The rows of every case received from <c>@{p}from</c> to <c>@{p}to</c>, counted as the totals
    /// would count them, and their open deadlines the clock has decided: what <see cref="PeriodRows"/>
    /// reads, case by case.
    /// </summary>
    public static string CohortRows(string p, bool oneDepartment) => $"""
        {CaseRows($"c.received_at >= @{p}from AND c.received_at < @{p}to", oneDepartment)}
        UNION ALL
        {OpenDeadlineRows(p, oneDepartment)}
        """;

    /// <summary>The columns of a row of the totals (or of <c>kpi_case_figures</c>), <paramref name="t"/> its alias.</summary>
    private static string Kept(string t) => $"""
        date_trunc(@unit, {t}.day::timestamp) AS bucket, {t}.channel, {t}.complaint_type_id, {t}.cases, {t}.complaints,
        {t}.acknowledged, 0 AS ack_overdue, {t}.ack_met, {t}.resolved, 0 AS res_overdue, {t}.res_met, {t}.first_contact,
        {t}.ack_minutes, {t}.ack_timed, {t}.res_minutes, {t}.res_timed, {t}.online_minutes, {t}.online_timed, {t}.ever_resolved, {t}.reopened,
        {t}.csat_answers, {t}.csat_satisfied, {t}.nps_answers, {t}.promoters, {t}.detractors
        """;

    /// <summary>Each case received as <paramref name="received"/> says, counted by <c>kpi_case_figures</c>.</summary>
    private static string CaseRows(string received, bool oneDepartment) => $"""
        SELECT {Kept("f")}
        FROM complaints AS c
        LEFT JOIN survey_responses AS s ON s.complaint_id = c.id
        CROSS JOIN LATERAL kpi_case_figures(c, s.csat, s.nps, @zone, 1) AS f
        WHERE {received} {(oneDepartment ? "AND c.department_id = @department" : "")}
        """;

    /// <summary>For the deadlines still open, whether the clock has decided them: due before <c>@now</c> and not paused.</summary>
    private static string OpenDeadlineRows(string p, bool oneDepartment) => $"""
        SELECT date_trunc(@unit, c.received_at AT TIME ZONE @zone), c.channel::text, c.complaint_type_id, 0, 0,
               0, (c.acknowledged_at IS NULL AND c.acknowledge_due < @now)::int, 0,
               0, (c.resolved_at IS NULL AND c.resolve_due < @now AND NOT c.resolution_paused)::int, 0, 0,
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
        FROM complaints AS c
        WHERE (c.acknowledged_at IS NULL OR c.resolved_at IS NULL) AND c.received_at >= @{p}from AND c.received_at < @{p}to {(oneDepartment ? "AND c.department_id = @department" : "")}
        """;
}

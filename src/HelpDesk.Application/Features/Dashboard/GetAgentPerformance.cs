using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// For supervisors: per member of staff, the resolutions they recorded in a period, how many of those
/// met the resolution deadline in force then, and the customers' satisfaction with them.
/// </summary>
/// <remarks>
/// Unlike the KPIs, which follow the cases received in a period, this follows the work done in it:
/// each resolution (<c>case_resolutions</c>) is credited to whoever recorded it, on the day recorded,
/// to the department the case was with then, whoever holds the case now; a reopened case resolved
/// again counts once for each. Summed from the agent performance totals (<see cref="KpiTotals"/>);
/// before they are built, counted from the resolutions. Satisfaction is the survey answer the
/// resolution is credited with (the case's latest resolution when it was given), else the follow-up
/// rating given after it. docs/kpis.md, "Agent performance".
/// </remarks>
public static class GetAgentPerformance
{
    public sealed record Query(DateTimeOffset From, DateTimeOffset To, int? DepartmentId = null) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(string StaffId, string Name, string? Department, int CasesResolved, GetKpis.Ratio ResolutionCompliance, GetKpis.Ratio CustomerSatisfaction, GetKpis.Ratio FirstContactResolution);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("The end of the period must be after its start.");
            RuleFor(q => q.To).Must((q, to) => (to - q.From).TotalDays <= GetKpis.MaxDays)
                .WithMessage($"Choose a period of at most {GetKpis.MaxDays / 366} years.");
        }
    }

    /// <summary>Each resolution recorded from {0} to {1} (exclusive), one row each.</summary>
    private const string ResolutionsSql = """
        SELECT t.staff_id, t.cases, t.met, t.first_contact, t.csat_answers, t.csat_satisfied
        FROM case_resolutions AS r
        CROSS JOIN LATERAL kpi_case_resolution(r, kpi_resolution_survey_csat(r), @zone, 1) AS t
        WHERE r.resolved_at >= {0} AND r.resolved_at < {1} DEPARTMENT
        """;

    /// <summary>The per-day rows of one table of the agent performance totals.</summary>
    private const string DaysSql = """
        SELECT t.staff_id, t.cases, t.met, t.first_contact, t.csat_answers, t.csat_satisfied
        FROM {0} AS t WHERE t.day >= @first_day AND t.day < @end_day DEPARTMENT
        """;

    /// <summary>Per member of staff, summed from rows of <c>(staff_id, cases, met, first_contact, csat_answers, csat_satisfied)</c>.</summary>
    private const string PerStaffSql = """
        SELECT k.staff_id, sum(k.cases)::int AS cases, sum(k.met)::int AS met, sum(k.first_contact)::int AS first_contact,
               sum(k.csat_answers)::int AS answers, sum(k.csat_satisfied)::int AS satisfied
        FROM ({0}) AS k
        GROUP BY k.staff_id
        HAVING sum(k.cases) <> 0
        """;

    /// <summary>
    /// From the agent performance totals (<see cref="KpiTotals"/>): the whole local days from the totals
    /// and their unfolded differences, the part days at either end from the resolutions themselves.
    /// </summary>
    public static readonly string TotalsSql = PerStaff(string.Join("\nUNION ALL\n",
        Format(DaysSql, "kpi_daily_resolutions"),
        Format(DaysSql, "kpi_daily_resolution_changes"),
        Format(ResolutionsSql, "@from", "@whole_from"),
        Format(ResolutionsSql, "@whole_to", "@to")));

    /// <summary>Before the totals are built: every resolution of the period, counted.</summary>
    public static readonly string CountSql = PerStaff(Format(ResolutionsSql, "@from", "@to"));

    private static string PerStaff(string rows) => Format(PerStaffSql, rows);

    private static string Format(string sql, params object[] values) => string.Format(CultureInfo.InvariantCulture, sql, values);

    internal sealed class AgentCounts
    {
        public string StaffId { get; init; } = "";
        public int Cases { get; init; }
        public int Met { get; init; }
        public int FirstContact { get; init; }
        public int Answers { get; init; }
        public int Satisfied { get; init; }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, KpiTotals kpiTotals) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = (query.From.ToUniversalTime(), query.To.ToUniversalTime());
            var sql = await kpiTotals.AreCurrentAsync(cancellationToken) ? TotalsSql : CountSql;
            var parameters = new List<NpgsqlParameter>(kpiTotals.PeriodParameters("", from, to))
            {
                new("zone", NpgsqlDbType.Text) { Value = clock.Zone.Id },
            };
            if (query.DepartmentId is { } department)
            {
                parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Integer) { Value = department });
            }

            var perStaff = await db.Database.SqlQueryRaw<AgentCounts>(
                sql.Replace("DEPARTMENT", query.DepartmentId is null ? "" : "AND t.department_id = @department", StringComparison.Ordinal),
                [.. parameters]).ToListAsync(cancellationToken);
            var ids = perStaff.Select(a => a.StaffId).ToList();
            var staff = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault() })
                .ToDictionaryAsync(u => u.Id, cancellationToken);

            return [.. perStaff
                .Select(a => new Row(
                    a.StaffId,
                    staff.GetValueOrDefault(a.StaffId)?.DisplayName ?? "Unknown member of staff",
                    staff.GetValueOrDefault(a.StaffId)?.Department,
                    a.Cases,
                    new GetKpis.Ratio(a.Met, a.Cases),
                    new GetKpis.Ratio(a.Satisfied, a.Answers),
                    new GetKpis.Ratio(a.FirstContact, a.Cases)))
                .OrderByDescending(r => r.CasesResolved).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }
    }
}

using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// For supervisors: per member of staff, the cases they resolved in a period (the assignee when it was
/// resolved), how many of those met the resolution deadline, and the customers' satisfaction with them.
/// </summary>
/// <remarks>
/// Unlike the KPIs, which follow the cases received in a period, this follows the work done in it:
/// cases resolved in the period, summed from the agent performance totals (<see cref="KpiTotals"/>;
/// before they are built, read through the partial index on resolved_at). Satisfaction is the
/// customer's survey answer when given, else the follow-up rating, as on the KPI page.
/// </remarks>
public static class GetAgentPerformance
{
    public sealed record Query(DateTimeOffset From, DateTimeOffset To, int? DepartmentId = null) : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(string AssigneeId, string Name, string? Department, int CasesResolved, GetKpis.Ratio ResolutionCompliance, GetKpis.Ratio CustomerSatisfaction, GetKpis.Ratio FirstContactResolution);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage("The end of the period must be after its start.");
            RuleFor(q => q.To).Must((q, to) => (to - q.From).TotalDays <= GetKpis.MaxDays)
                .WithMessage($"Choose a period of at most {GetKpis.MaxDays / 366} years.");
        }
    }

    /// <summary>Per assignee, from the agent performance totals (<see cref="KpiTotals"/>); {0} filters one department.</summary>
    /// <remarks>The whole local days come from the totals and their unfolded differences, the part days at either end from the cases.</remarks>
    public const string TotalsSql = """
        SELECT k.assignee_id, sum(k.cases)::int AS cases, sum(k.met)::int AS met, sum(k.first_contact)::int AS first_contact,
               sum(k.csat_answers)::int AS answers, sum(k.csat_satisfied)::int AS satisfied
        FROM (
            SELECT t.assignee_id, t.cases, t.met, t.first_contact, t.csat_answers, t.csat_satisfied
            FROM kpi_daily_resolutions AS t WHERE t.day >= @first_day AND t.day < @end_day {0}
            UNION ALL
            SELECT t.assignee_id, t.cases, t.met, t.first_contact, t.csat_answers, t.csat_satisfied
            FROM kpi_daily_resolution_changes AS t WHERE t.day >= @first_day AND t.day < @end_day {0}
            UNION ALL
            SELECT r.assignee_id, r.cases, r.met, r.first_contact, r.csat_answers, r.csat_satisfied
            FROM complaints AS c
            LEFT JOIN survey_responses AS s ON s.complaint_id = c.id
            CROSS JOIN LATERAL kpi_case_resolution(c, s.csat, @zone, 1) AS r
            WHERE ((c.resolved_at >= @from AND c.resolved_at < @whole_from) OR (c.resolved_at >= @whole_to AND c.resolved_at < @to)) {1}
        ) AS k
        GROUP BY k.assignee_id
        HAVING sum(k.cases) <> 0
        """;

    internal sealed class AgentCounts
    {
        public string AssigneeId { get; init; } = "";
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
            var perAgent = await kpiTotals.AreCurrentAsync(cancellationToken)
                ? await FromTotalsAsync(query, from, to, cancellationToken)
                : await FromCasesAsync(query, from, to, cancellationToken);
            var ids = perAgent.Select(a => a.AssigneeId).ToList();
            var staff = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
                .Select(u => new { u.Id, u.DisplayName, Department = db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault() })
                .ToDictionaryAsync(u => u.Id, cancellationToken);

            return [.. perAgent
                .Select(a => new Row(
                    a.AssigneeId,
                    staff.GetValueOrDefault(a.AssigneeId)?.DisplayName ?? "Unknown member of staff",
                    staff.GetValueOrDefault(a.AssigneeId)?.Department,
                    a.Cases,
                    new GetKpis.Ratio(a.Met, a.Cases),
                    new GetKpis.Ratio(a.Satisfied, a.Answers),
                    new GetKpis.Ratio(a.FirstContact, a.Cases)))
                .OrderByDescending(r => r.CasesResolved).ThenBy(r => r.Name, StringComparer.Ordinal)];
        }

        private async Task<List<AgentCounts>> FromTotalsAsync(Query query, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            var parameters = new List<NpgsqlParameter>(kpiTotals.PeriodParameters("", from, to))
            {
                new("zone", NpgsqlDbType.Text) { Value = clock.Zone.Id },
            };
            if (query.DepartmentId is { } department)
            {
                parameters.Add(new NpgsqlParameter("department", NpgsqlDbType.Integer) { Value = department });
            }

            var sql = query.DepartmentId is null
                ? string.Format(CultureInfo.InvariantCulture, TotalsSql, "", "")
                : string.Format(CultureInfo.InvariantCulture, TotalsSql, "AND t.department_id = @department", "AND c.department_id = @department");
            return await db.Database.SqlQueryRaw<AgentCounts>(sql, [.. parameters]).ToListAsync(cancellationToken);
        }

        // Until the totals are built: the cases resolved in the period, through the partial index on resolved_at.
        private async Task<List<AgentCounts>> FromCasesAsync(Query query, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            var resolved = db.Complaints.AsNoTracking()
                .Where(c => c.ResolvedAt >= from && c.ResolvedAt < to && c.AssigneeId != null);
            if (query.DepartmentId is { } departmentId)
            {
                resolved = resolved.Where(c => c.DepartmentId == departmentId);
            }

            var perAgent = await resolved
                .Select(c => new
                {
                    c.AssigneeId,
                    Met = c.ResolvedAtFirstContact || c.ResolvedAt <= c.ResolveDue,
                    c.ResolvedAtFirstContact,
                    Csat = db.SurveyResponses.Where(s => s.ComplaintId == c.Id).Select(s => (int?)s.Csat).FirstOrDefault() ?? c.Satisfaction,
                })
                .GroupBy(c => c.AssigneeId)
                .Select(g => new
                {
                    AssigneeId = g.Key!,
                    Cases = g.Count(),
                    Met = g.Count(c => c.Met),
                    FirstContact = g.Count(c => c.ResolvedAtFirstContact),
                    Answers = g.Count(c => c.Csat != null),
                    Satisfied = g.Count(c => c.Csat >= 4),
                })
                .ToListAsync(cancellationToken);
            return [.. perAgent.Select(a => new AgentCounts { AssigneeId = a.AssigneeId, Cases = a.Cases, Met = a.Met, FirstContact = a.FirstContact, Answers = a.Answers, Satisfied = a.Satisfied })];
        }
    }
}

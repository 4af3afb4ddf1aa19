using FluentValidation;
using HelpDesk.Application.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// For supervisors: per member of staff, the cases they resolved in a period (the assignee when it was
/// resolved), how many of those met the resolution deadline, and the customers' satisfaction with them.
/// </summary>
/// <remarks>
/// Unlike the KPIs, which follow the cases received in a period, this follows the work done in it:
/// cases resolved in the period, read through the partial index on resolved_at. Satisfaction is the
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

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var (from, to) = (query.From.ToUniversalTime(), query.To.ToUniversalTime());
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
    }
}

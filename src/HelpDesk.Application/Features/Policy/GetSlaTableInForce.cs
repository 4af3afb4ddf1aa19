using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Policy;

/// <summary>
/// The SLA table the deadlines are computed from, read live from the configuration, for the policy
/// page: shown beside the text so the words and the deadlines never disagree.
/// </summary>
public static class GetSlaTableInForce
{
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(string AppliesTo, string Calendar, string Acknowledge, string Resolve, string FollowUp);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rules = await db.SlaRules
                .AsNoTracking()
                .Where(r => !r.IsRetired)
                .Select(r => new
                {
                    TypeName = db.ComplaintTypes.Where(t => t.Id == r.ComplaintTypeId).Select(t => t.Name).FirstOrDefault(),
                    r.Priority,
                    Calendar = db.Calendars.Where(c => c.Id == r.CalendarId).Select(c => c.Name).First(),
                    r.Acknowledge,
                    r.Resolve,
                    r.FollowUp,
                })
                .ToListAsync(cancellationToken);

            // Specific rows first, as a reader scans for their case; the default row, which catches the rest, last.
            return rules
                .OrderBy(r => r.TypeName is null && r.Priority is null ? 2 : r.TypeName is null ? 1 : 0)
                .ThenBy(r => r.TypeName, StringComparer.OrdinalIgnoreCase)
                .ThenByDescending(r => r.Priority ?? (Priority)(-1))
                .Select(r => new Row(SlaRule.LabelFor(r.TypeName, r.Priority), r.Calendar, r.Acknowledge.Describe(), r.Resolve.Describe(), r.FollowUp.Describe()))
                .ToList();
        }
    }
}

using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// The SLA table in the order rows are matched (docs/sla-rules.md, "The SLA table"): type + priority, any type + priority,
/// type + any priority, then the default row; targets in words. For the administration pages and
/// anything else that shows the table in force.
/// </summary>
public static class ListSlaRules
{
    public sealed record Query(bool IncludeRetired = false) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(
        int Id,
        int MatchStep,
        string Label,
        int? ComplaintTypeId,
        string? ComplaintType,
        Priority? Priority,
        int CalendarId,
        string Calendar,
        SlaTarget Acknowledge,
        SlaTarget Resolve,
        SlaTarget FollowUp,
        bool IsRetired)
    {
        public bool IsDefault => ComplaintTypeId is null && Priority is null;

        public string AcknowledgeInWords => Acknowledge.Describe();

        public string ResolveInWords => Resolve.Describe();

        public string FollowUpInWords => FollowUp.Describe();

        /// <summary>Which step of the matching order the row belongs to, in words.</summary>
        public string MatchStepInWords => MatchStep switch
        {
            1 => "type and priority",
            2 => "any type, this priority",
            3 => "this type, any priority",
            _ => "default",
        };
    }

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rows = await db.SlaRules
                .AsNoTracking()
                .Where(r => query.IncludeRetired || !r.IsRetired)
                .Select(r => new
                {
                    r.Id,
                    r.ComplaintTypeId,
                    ComplaintType = db.ComplaintTypes.Where(t => t.Id == r.ComplaintTypeId).Select(t => t.Name).FirstOrDefault(),
                    r.Priority,
                    r.CalendarId,
                    Calendar = db.Calendars.Where(c => c.Id == r.CalendarId).Select(c => c.Name).First(),
                    r.Acknowledge,
                    r.Resolve,
                    r.FollowUp,
                    r.IsRetired,
                })
                .ToListAsync(cancellationToken);
            return rows
                .Select(r => new Item(r.Id, MatchStepOf(r.ComplaintTypeId, r.Priority), SlaRule.LabelFor(r.ComplaintType, r.Priority), r.ComplaintTypeId, r.ComplaintType,
                    r.Priority, r.CalendarId, r.Calendar, r.Acknowledge, r.Resolve, r.FollowUp, r.IsRetired))
                .OrderBy(r => r.IsRetired)
                .ThenBy(r => r.MatchStep)
                .ThenBy(r => r.ComplaintType, StringComparer.OrdinalIgnoreCase)
                .ThenByDescending(r => r.Priority)
                .ToList();
        }

        private static int MatchStepOf(int? type, Priority? priority) => (type, priority) switch
        {
            ({ }, { }) => 1,
            (null, { }) => 2,
            ({ }, null) => 3,
            _ => 4,
        };
    }
}

using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Features.Administration;

/// <summary>One SLA row as its edit form shows it; null when there is no such row.</summary>
public static class GetSlaRule
{
    public sealed record Query(int Id) : IQuery<Row?>;

    public sealed record Row(int Id, string Label, int CalendarId, SlaTarget Acknowledge, SlaTarget Resolve, SlaTarget FollowUp, bool IsDefault, bool IsRetired);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Row?>
    {
        public async ValueTask<Row?> Handle(Query query, CancellationToken cancellationToken)
        {
            var rule = await db.SlaRules
                .AsNoTracking()
                .Where(r => r.Id == query.Id)
                .Select(r => new
                {
                    r.Id,
                    ComplaintType = db.ComplaintTypes.Where(t => t.Id == r.ComplaintTypeId).Select(t => t.Name).FirstOrDefault(),
                    r.Priority,
                    r.CalendarId,
                    r.Acknowledge,
                    r.Resolve,
                    r.FollowUp,
                    r.IsRetired,
                })
                .SingleOrDefaultAsync(cancellationToken);
            return rule is null
                ? null
                : new Row(rule.Id, SlaRule.LabelFor(rule.ComplaintType, rule.Priority), rule.CalendarId, rule.Acknowledge, rule.Resolve, rule.FollowUp,
                    rule.ComplaintType is null && rule.Priority is null, rule.IsRetired);
        }
    }
}

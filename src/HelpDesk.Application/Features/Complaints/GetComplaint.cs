using HelpDesk.Application.Persistence;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>Everything staff see on a case's page, found by its reference number.</summary>
public static class GetComplaint
{
    public sealed record Query(string Reference) : IQuery<Details?>;

    public sealed record Details(
        long Id,
        string Reference,
        CaseKind Kind,
        Channel Channel,
        string ComplaintType,
        Priority Priority,
        CaseStatus Status,
        DateTimeOffset ReceivedAt,
        DateTimeOffset LoggedAt,
        string CustomerName,
        string? CustomerEmail,
        string? CustomerPhone,
        string? CustomerPostalAddress,
        string Subject,
        string Description,
        int ComplaintTypeId,
        IReadOnlyList<TimelineEntry> Timeline)
    {
        public IReadOnlyList<DeadlineView> Deadlines { get; init; } = [];
    }

    /// <summary>One deadline as staff see it: when, where it stands now, and why it is what it is.</summary>
    public sealed record DeadlineView(
        DeadlineKind Kind,
        string Name,
        DateTimeOffset Due,
        DateTimeOffset? CompletedAt,
        bool IsBreached,
        string Standing,
        string Target,
        IReadOnlyList<string> Explanation);

    public sealed record TimelineEntry(DateTimeOffset OccurredAt, string ActorName, TimelineEventType Type, string Summary, bool VisibleToCustomer);

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, TimeProvider time) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken cancellationToken)
        {
            // A malformed reference or a wrong check letter never reaches the database.
            var reading = ReferenceNumber.Read(query.Reference);
            if (!reading.IsValid)
            {
                return null;
            }

            var reference = reading.Reference!.Value.ToString();
            var details = await db.Complaints
                .AsNoTracking()
                .Where(c => c.Reference == reference)
                .Select(c => new Details(
                    c.Id,
                    c.Reference,
                    c.Kind,
                    c.Channel,
                    db.ComplaintTypes.Where(t => t.Id == c.ComplaintTypeId).Select(t => t.Name).First(),
                    c.Priority,
                    c.Status,
                    c.ReceivedAt,
                    c.LoggedAt,
                    c.Customer.Name,
                    c.Customer.Email,
                    c.Customer.Phone,
                    c.Customer.PostalAddress,
                    c.Subject,
                    c.Description,
                    c.ComplaintTypeId,
                    c.Timeline
                        .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                        .Select(e => new TimelineEntry(e.OccurredAt, e.ActorName, e.Type, e.Summary, e.VisibleToCustomer))
                        .ToList()))
                .SingleOrDefaultAsync(cancellationToken);
            if (details is null)
            {
                return null;
            }

            var deadlines = await db.Complaints.AsNoTracking().Where(c => c.Id == details.Id).Select(c => c.Deadlines).SingleAsync(cancellationToken);
            var calendar = await sla.CalendarNamedAsync(deadlines.CalendarName, cancellationToken);
            var now = time.GetUtcNow();
            return details with
            {
                Deadlines = deadlines.Clocks.Select(clock => new DeadlineView(
                    clock.Kind,
                    clock.Kind switch { DeadlineKind.Acknowledgement => "Acknowledge", DeadlineKind.Resolution => "Resolve", _ => "Follow up" },
                    clock.Due,
                    clock.CompletedAt,
                    clock.IsBreachedAt(now),
                    clock.DescribeStanding(now, calendar),
                    clock.Target.Describe(),
                    clock.Explain())).ToList(),
            };
        }
    }
}

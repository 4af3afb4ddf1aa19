using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
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
        IReadOnlyList<TimelineEntry> Timeline);

    public sealed record TimelineEntry(DateTimeOffset OccurredAt, string ActorName, TimelineEventType Type, string Summary, bool VisibleToCustomer);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Details?>
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
            return await db.Complaints
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
                    c.Timeline
                        .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                        .Select(e => new TimelineEntry(e.OccurredAt, e.ActorName, e.Type, e.Summary, e.VisibleToCustomer))
                        .ToList()))
                .SingleOrDefaultAsync(cancellationToken);
        }
    }
}

namespace HelpDesk.Application.Features.Sla;

/// <summary>
/// The deadlines a case of this type and priority, received (and perhaps resolved) at these instants,
/// would get from the SLA table in force: for integrations and for the log form's live preview.
/// </summary>
public static class PreviewDeadlines
{
    /// <summary>Parameters are checked by the caller (the API names the bad one); an unknown type answers null.</summary>
    public sealed record Query(string ComplaintType, Priority Priority, DateTimeOffset ReceivedAt, DateTimeOffset? ResolvedAt) : IQuery<Preview?>;

    public sealed record Preview(DateTimeOffset AcknowledgeBy, DateTimeOffset ResolveBy, DateTimeOffset? FollowUpBy, string Row, string Calendar);

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla) : IQueryHandler<Query, Preview?>
    {
        public async ValueTask<Preview?> Handle(Query query, CancellationToken cancellationToken)
        {
            var name = query.ComplaintType.Trim();
            var typeId = await db.ComplaintTypes.AsNoTracking()
                .Where(t => t.Name.ToLower() == name.ToLower())
                .Select(t => (int?)t.Id)
                .SingleOrDefaultAsync(cancellationToken);
            if (typeId is null)
            {
                return null;
            }

            var row = (await sla.CurrentTableAsync(cancellationToken)).RowFor(typeId.Value, query.Priority);
            return new Preview(
                row.Acknowledge.DeadlineFrom(query.ReceivedAt, row.Calendar),
                row.Resolve.DeadlineFrom(query.ReceivedAt, row.Calendar),
                query.ResolvedAt is { } resolved ? row.FollowUp.DeadlineFrom(resolved, row.Calendar) : null,
                row.Label,
                row.Calendar.Name);
        }
    }
}

namespace HelpDesk.Application.Features.Responses;

/// <summary>The canned responses: every one for administrators, the ones in use for the composer.</summary>
public static class ListCannedResponses
{
    public sealed record Query(bool IncludeRetired) : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(int Id, string Name, string Body, bool Retired, DateTimeOffset UpdatedAt, string UpdatedBy);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.CannedResponses.AsNoTracking()
                .Where(r => query.IncludeRetired || r.RetiredAt == null)
                .OrderBy(r => r.RetiredAt != null).ThenBy(r => r.Name).ThenBy(r => r.Id)
                .Select(r => new Item(r.Id, r.Name, r.Body, r.RetiredAt != null, r.UpdatedAt, r.UpdatedBy))
                .ToListAsync(cancellationToken);
    }
}

namespace HelpDesk.Application.Features.ComplaintTypes;

/// <summary>The complaint types staff may choose for a new case.</summary>
public static class ListComplaintTypes
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(int Id, string Name);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ComplaintTypes
                .AsNoTracking()
                .Where(t => t.IsActive)
                .OrderBy(t => t.Name == "General" ? 0 : 1).ThenBy(t => t.Name)
                .Select(t => new Item(t.Id, t.Name))
                .ToListAsync(cancellationToken);
    }
}

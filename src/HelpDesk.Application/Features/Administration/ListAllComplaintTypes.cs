namespace HelpDesk.Application.Features.Administration;

/// <summary>Every complaint type, retired ones included, with how many cases have it, for administrators.</summary>
public static class ListAllComplaintTypes
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(int Id, string Name, bool IsActive, int Cases, int? DefaultDepartmentId = null);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ComplaintTypes
                .AsNoTracking()
                .OrderByDescending(t => t.IsActive).ThenBy(t => t.Name)
                .Select(t => new Item(t.Id, t.Name, t.IsActive, db.Complaints.Count(c => c.ComplaintTypeId == t.Id), t.DefaultDepartmentId))
                .ToListAsync(cancellationToken);
    }
}

namespace HelpDesk.Application.Features.Staff;

/// <summary>The departments cases are referred to, with their supervisor and how many staff they have.</summary>
public static class ListDepartments
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(int Id, string Name, string? SupervisorId, string? Supervisor, int ActiveStaff);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Departments
                .AsNoTracking()
                .OrderBy(d => d.Name)
                .Select(d => new Item(
                    d.Id,
                    d.Name,
                    d.SupervisorId,
                    db.Users.Where(u => u.Id == d.SupervisorId).Select(u => u.DisplayName).FirstOrDefault(),
                    db.Users.Count(u => u.DepartmentId == d.Id && u.IsActive)))
                .ToListAsync(cancellationToken);
    }
}

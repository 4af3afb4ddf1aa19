namespace HelpDesk.Application.Features.Staff;

/// <summary>Everyone who can sign in, active first, by name.</summary>
public static class ListStaff
{
    public sealed record Query : IQuery<IReadOnlyList<Member>>;

    public sealed record Member(string Id, string DisplayName, string Email, string? Role, int? DepartmentId, string? Department, bool IsActive);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Member>>
    {
        public async ValueTask<IReadOnlyList<Member>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.Users
                .AsNoTracking()
                .OrderByDescending(u => u.IsActive).ThenBy(u => u.DisplayName)
                .Select(u => new Member(
                    u.Id,
                    u.DisplayName,
                    u.Email ?? "",
                    db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).OrderBy(n => n).FirstOrDefault(),
                    u.DepartmentId,
                    db.Departments.Where(d => d.Id == u.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                    u.IsActive))
                .ToListAsync(cancellationToken);
    }
}

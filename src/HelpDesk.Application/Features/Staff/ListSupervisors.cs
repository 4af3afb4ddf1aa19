using HelpDesk.Application.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>The active staff in the Supervisor role: the people a department's supervisor may be.</summary>
public static class ListSupervisors
{
    public sealed record Query : IQuery<IReadOnlyList<Item>>;

    public sealed record Item(string Id, string DisplayName);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, IReadOnlyList<Item>>
    {
        public async ValueTask<IReadOnlyList<Item>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.ActiveSupervisors().OrderBy(u => u.DisplayName).Select(u => new Item(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    internal static IQueryable<StaffUser> ActiveSupervisors(this HelpDeskDbContext db) =>
        db.Users.AsNoTracking().Where(u => u.IsActive && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == StaffRoles.Supervisor)));
}

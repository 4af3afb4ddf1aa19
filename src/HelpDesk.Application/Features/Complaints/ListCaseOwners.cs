using HelpDesk.Application.Identity;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>Who a case can be referred or escalated to: the departments, and the active staff in each.</summary>
public static class ListCaseOwners
{
    public sealed record Query : IQuery<Owners>;

    public sealed record Owners(IReadOnlyList<Department> Departments, IReadOnlyList<Person> People);

    public sealed record Department(int Id, string Name);

    /// <summary>A member of staff; <see cref="Supervises"/> marks who a case can be escalated to.</summary>
    public sealed record Person(string Id, string Name, int DepartmentId, bool Supervises);

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Owners>
    {
        public async ValueTask<Owners> Handle(Query query, CancellationToken cancellationToken)
        {
            var departments = await db.Departments.AsNoTracking()
                .OrderBy(d => d.Name)
                .Select(d => new Department(d.Id, d.Name))
                .ToListAsync(cancellationToken);
            var people = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && u.DepartmentId != null)
                .OrderBy(u => u.DisplayName)
                .Select(u => new Person(
                    u.Id,
                    u.DisplayName,
                    u.DepartmentId!.Value,
                    db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == StaffRoles.Supervisor || r.Name == StaffRoles.Administrator)))))
                .ToListAsync(cancellationToken);
            return new Owners(departments, people);
        }
    }
}

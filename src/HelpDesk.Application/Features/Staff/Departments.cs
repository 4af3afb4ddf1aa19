using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Administration;
using HelpDesk.Domain.Staff;
using Mediator;
using Microsoft.EntityFrameworkCore;

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

public static class AddDepartment
{
    public sealed record Command(string? Name) : ICommand<Result>;

    public sealed record Result(int Id);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Give the department a name.")
                .MaximumLength(Department.NameMaxLength).WithMessage($"Keep the name to {Department.NameMaxLength} characters.")
                .MustAsync(async (name, cancellationToken) => !await db.Departments.AnyNamedAsync(name!, null, cancellationToken))
                .WithMessage("There is already a department with that name.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = new Department(command.Name!);
            db.Departments.Add(department);
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Department {department.Name}", "Added", null, department.Name));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(department.Id);
        }
    }
}

public static class RenameDepartment
{
    public sealed record Command(int? DepartmentId, string? Name) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.DepartmentId).MustBeADepartment(db);
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Give the department a name.")
                .MaximumLength(Department.NameMaxLength).WithMessage($"Keep the name to {Department.NameMaxLength} characters.")
                .MustAsync(async (c, name, cancellationToken) => !await db.Departments.AnyNamedAsync(name!, c.DepartmentId, cancellationToken))
                .WithMessage("There is already a department with that name.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = await db.Departments.SingleAsync(d => d.Id == command.DepartmentId, cancellationToken);
            var before = department.Name;
            department.Rename(command.Name!);
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Department {before}", "Renamed", before, department.Name));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>The supervisor escalations from a department go to first; only an active Supervisor may be chosen, or none.</summary>
public static class SetDepartmentSupervisor
{
    public sealed record Command(int? DepartmentId, string? SupervisorId) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.DepartmentId).MustBeADepartment(db);
            RuleFor(c => c.SupervisorId)
                .MustAsync(async (id, cancellationToken) => string.IsNullOrEmpty(id) || await db.ActiveSupervisors().AnyAsync(u => u.Id == id, cancellationToken))
                .WithMessage("Choose one of the listed supervisors.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var department = await db.Departments.SingleAsync(d => d.Id == command.DepartmentId, cancellationToken);
            var before = department.SupervisorId;
            department.SetSupervisor(string.IsNullOrEmpty(command.SupervisorId) ? null : command.SupervisorId);
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Department {department.Name}", "Supervisor set", before, department.SupervisorId));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

internal static class DepartmentNames
{
    /// <summary>Names are unique whatever their case: "billing" and "Billing" would confuse a referral.</summary>
    public static Task<bool> AnyNamedAsync(this DbSet<Department> departments, string name, int? exceptId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim().ToUpperInvariant();
        return departments.AnyAsync(d => d.Name.ToUpper() == trimmed && d.Id != exceptId, cancellationToken);
    }
}

using HelpDesk.Application.Identity;
using HelpDesk.Domain.Administration;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// Move a member of staff to another role or department. A new role or department takes effect at their
/// next request: the security stamp changes, so they sign in again and get the new rights (which cases
/// they may act on included), never keep the old.
/// </summary>
public static class ChangeStaffRoleAndDepartment
{
    public sealed record Command(string? UserId, string? Role, int? DepartmentId) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.UserId).NotEmpty().WithMessage("Choose a member of staff.");
            RuleFor(c => c.Role).MustBeAStaffRole();
            RuleFor(c => c.DepartmentId).NotNull().When(c => StaffRules.NeedsADepartment(c.Role)).WithMessage("Choose a department: agents and supervisors work cases referred to one.")
                .MustBeAnExistingDepartment(db);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, UserManager<StaffUser> users, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindStaffAsync(command.UserId, nameof(Command.UserId));
            var roles = await users.GetRolesAsync(user);
            var roleChanges = !(roles.Count == 1 && roles[0] == command.Role);
            if (roleChanges && command.Role != StaffRoles.Administrator)
            {
                await db.EnsureAnotherActiveAdministratorAsync(user, nameof(Command.Role), "HelpDesk needs at least one active administrator: make someone else an administrator first.", cancellationToken);
            }

            var before = $"{string.Join("/", roles)}, department {user.DepartmentId}";
            if (roleChanges)
            {
                StaffRules.Check(await users.RemoveFromRolesAsync(user, roles), nameof(Command.Role));
                StaffRules.Check(await users.AddToRoleAsync(user, command.Role!), nameof(Command.Role));
                StaffRules.Check(await users.UpdateSecurityStampAsync(user), nameof(Command.Role));
            }

            if (user.DepartmentId != command.DepartmentId)
            {
                user.DepartmentId = command.DepartmentId;
                StaffRules.Check(await users.UpdateAsync(user), nameof(Command.DepartmentId));
                // The department decides which cases an agent may act on, and it travels in the session.
                StaffRules.Check(await users.UpdateSecurityStampAsync(user), nameof(Command.DepartmentId));
            }

            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Staff {user.DisplayName}", "Edited", before, $"{command.Role}, department {command.DepartmentId}"));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

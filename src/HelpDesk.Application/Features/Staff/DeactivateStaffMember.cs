using HelpDesk.Application.Identity;
using HelpDesk.Domain.Administration;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// Someone leaves: they can no longer sign in, and a session they still have stops at its next request
/// (the security stamp changes). Their cases stay where they are, to be reassigned.
/// </summary>
public static class DeactivateStaffMember
{
    public sealed record Command(string? UserId) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(ICurrentUser currentUser)
        {
            RuleFor(c => c.UserId).NotEmpty().WithMessage("Choose a member of staff.")
                .NotEqual(_ => currentUser.Actor.Id).WithMessage("You cannot deactivate yourself: ask another administrator.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, UserManager<StaffUser> users, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindStaffAsync(command.UserId, nameof(Command.UserId));
            if (!user.IsActive)
            {
                return Unit.Value;
            }

            await db.EnsureAnotherActiveAdministratorAsync(user, nameof(Command.UserId), "HelpDesk needs at least one active administrator: this is the last one.", cancellationToken);
            user.IsActive = false;
            StaffRules.Check(await users.UpdateAsync(user), nameof(Command.UserId));
            StaffRules.Check(await users.UpdateSecurityStampAsync(user), nameof(Command.UserId));
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Staff {user.DisplayName}", "Deactivated", "Active", "Deactivated"));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

/// <summary>Someone returns: they sign in again with their existing password.</summary>
public static class ReactivateStaffMember
{
    public sealed record Command(string? UserId) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty().WithMessage("Choose a member of staff.");
    }

    internal sealed class Handler(HelpDeskDbContext db, UserManager<StaffUser> users, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindStaffAsync(command.UserId, nameof(Command.UserId));
            if (user.IsActive)
            {
                return Unit.Value;
            }

            user.IsActive = true;
            StaffRules.Check(await users.UpdateAsync(user), nameof(Command.UserId));
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Staff {user.DisplayName}", "Reactivated", "Deactivated", "Active"));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

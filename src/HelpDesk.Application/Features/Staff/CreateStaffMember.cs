using HelpDesk.Application.Identity;
using HelpDesk.Domain.Administration;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// An administrator adds a member of staff with a role, a department and an initial password to pass on.
/// Someone else has known that password, so they must choose their own at first sign-in.
/// </summary>
public static class CreateStaffMember
{
    public sealed record Command : ICommand<Result>
    {
        public string? DisplayName { get; init; }
        public string? Email { get; init; }
        public string? Role { get; init; }
        public int? DepartmentId { get; init; }
        public string? InitialPassword { get; init; }
    }

    public sealed record Result(string Id);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Give the name colleagues know them by.")
                .MaximumLength(StaffUser.DisplayNameMaxLength).WithMessage($"Keep the name to {StaffUser.DisplayNameMaxLength} characters.");
            RuleFor(c => c.Email).NotEmpty().WithMessage("Give their work email address; they sign in with it.")
                .EmailAddress().WithMessage("Enter an email address like name@example.com.")
                .MaximumLength(256).WithMessage("Keep the email address to 256 characters.");
            RuleFor(c => c.Role).MustBeAStaffRole();
            RuleFor(c => c.DepartmentId).NotNull().When(c => StaffRules.NeedsADepartment(c.Role)).WithMessage("Choose a department: agents and supervisors work cases referred to one.")
                .MustBeAnExistingDepartment(db);
            RuleFor(c => c.InitialPassword).NotEmpty().WithMessage("Give an initial password to pass on to them.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, UserManager<StaffUser> users, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var email = command.Email!.Trim();
            if (await users.FindByEmailAsync(email) is not null)
            {
                throw StaffRules.Invalid(nameof(Command.Email), "Someone on the staff list already has that email address.");
            }

            // The password policy is Identity's (length over composition): check it before anything is stored.
            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = command.DisplayName!.Trim(), DepartmentId = command.DepartmentId, MustChangePassword = true };
            foreach (var validator in users.PasswordValidators)
            {
                StaffRules.Check(await validator.ValidateAsync(users, user, command.InitialPassword), nameof(Command.InitialPassword));
            }

            StaffRules.Check(await users.CreateAsync(user, command.InitialPassword!), nameof(Command.Email));
            StaffRules.Check(await users.AddToRoleAsync(user, command.Role!), nameof(Command.Role));
            db.ConfigurationChanges.Add(new ConfigurationChange(time.GetUtcNow(), currentUser.Actor.Id, currentUser.Actor.DisplayName, $"Staff {user.DisplayName}", "Added", null, $"{command.Role}, department {command.DepartmentId}"));
            await db.SaveChangesAsync(cancellationToken);
            return new Result(user.Id);
        }
    }
}

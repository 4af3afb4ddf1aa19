using HelpDesk.Application.Identity;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// A member of staff changes their own password: the current one is required, the new one must meet the
/// password policy. Identity changes the security stamp, so every other session of theirs ends at its
/// next request; the page re-issues the caller's own. A wrong current password counts toward lockout
/// as a wrong sign-in does, and a locked account changes nothing until the lockout ends: otherwise a
/// session left open would let anyone guess the password here without limit.
/// </summary>
public static class ChangeOwnPassword
{
    public const string Locked = "Too many wrong passwords: your account is locked for a while. Try again later, or ask an administrator.";

    public sealed record Command(string? CurrentPassword, string? NewPassword, string? ConfirmNewPassword) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Enter a new password.")
                .NotEqual(c => c.CurrentPassword).WithMessage("Choose a password different from your current one.");
            RuleFor(c => c.ConfirmNewPassword).Equal(c => c.NewPassword).WithMessage("The two new passwords do not match.");
        }
    }

    internal sealed class Handler(UserManager<StaffUser> users, ICurrentUser currentUser) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindStaffAsync(currentUser.Actor.Id, "");
            if (await users.IsLockedOutAsync(user))
            {
                throw StaffRules.Invalid(nameof(Command.CurrentPassword), Locked);
            }

            var result = await users.ChangePasswordAsync(user, command.CurrentPassword!, command.NewPassword!);
            if (!result.Succeeded)
            {
                var wrongCurrent = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch));
                if (wrongCurrent)
                {
                    await users.AccessFailedAsync(user);
                }

                throw wrongCurrent
                    ? StaffRules.Invalid(nameof(Command.CurrentPassword), await users.IsLockedOutAsync(user) ? Locked : "That is not your current password.")
                    : new ValidationException(result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(nameof(Command.NewPassword), e.Description)));
            }

            await users.PasswordChosenByOwnerAsync(user, nameof(Command.NewPassword));

            return Unit.Value;
        }
    }
}

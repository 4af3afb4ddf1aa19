using HelpDesk.Application.Identity;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// A member of staff follows the emailed link (<see cref="RequestPasswordReset"/>) and chooses a new
/// password. The token must be valid for the account, unexpired and unused; the new password meets the
/// password policy. Identity changes the security stamp, which ends every session of theirs and spends
/// the link. The password is now their own choice, so a first-sign-in change is no longer due.
/// </summary>
public static class ResetStaffPassword
{
    public const string BadLink = "This link has expired or has already been used. Ask for a new one below.";

    public sealed record Command(string? UserId, string? Token, string? NewPassword, string? ConfirmNewPassword) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Token).NotEmpty().WithMessage(BadLink);
            RuleFor(c => c.UserId).NotEmpty().WithMessage(BadLink);
            RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Enter a new password.");
            RuleFor(c => c.ConfirmNewPassword).Equal(c => c.NewPassword).WithMessage("The two new passwords do not match.");
        }
    }

    internal sealed class Handler(UserManager<StaffUser> users) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(command.UserId!);
            if (user is not { IsActive: true })
            {
                throw StaffRules.Invalid(nameof(Command.Token), BadLink);
            }

            var result = await users.ResetPasswordAsync(user, command.Token!, command.NewPassword!);
            if (!result.Succeeded)
            {
                var badToken = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
                throw badToken
                    ? StaffRules.Invalid(nameof(Command.Token), BadLink)
                    : new ValidationException(result.Errors.Select(e => new FluentValidation.Results.ValidationFailure(nameof(Command.NewPassword), e.Description)));
            }

            await users.PasswordChosenByOwnerAsync(user, nameof(Command.NewPassword));

            return Unit.Value;
        }
    }

    /// <summary>Whether the link is still good, so the page can say so before anyone types a password.</summary>
    public sealed record LinkCheck(string? UserId, string? Token) : IQuery<bool>;

    internal sealed class LinkCheckHandler(UserManager<StaffUser> users) : IQueryHandler<LinkCheck, bool>
    {
        public async ValueTask<bool> Handle(LinkCheck query, CancellationToken cancellationToken)
        {
            var user = string.IsNullOrEmpty(query.UserId) || string.IsNullOrEmpty(query.Token) ? null : await users.FindByIdAsync(query.UserId);
            return user is { IsActive: true }
                && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<StaffUser>.ResetPasswordTokenPurpose, query.Token!);
        }
    }
}

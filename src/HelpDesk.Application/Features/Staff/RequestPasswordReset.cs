using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Identity;
using HelpDesk.Domain.Messages;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// "Forgot your password?": a member of staff gives their email and, if it is an active account's, is
/// sent a link to choose a new password. The link carries Identity's password-reset token: signed by
/// Data Protection, bound to the account and its security stamp (so it works once: the reset changes
/// the stamp) and expiring (HelpDesk:Security:PasswordResetLinkLifetime). Whatever the email, the
/// command succeeds alike, so the answer never says whether an account exists. docs/security.md.
/// </summary>
public static class RequestPasswordReset
{
    public sealed record Command(string? Email) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Email).NotEmpty().WithMessage("Enter your email address.")
                .EmailAddress().WithMessage("Enter an email address like name@example.com.")
                .MaximumLength(256).WithMessage("Keep the email address to 256 characters.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, UserManager<StaffUser> users, MessageOutbox outbox, IOptions<HelpDeskOptions> desk) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByEmailAsync(command.Email!.Trim());
            if (user is not { IsActive: true, Email: not null })
            {
                return Unit.Value;
            }

            var token = await users.GeneratePasswordResetTokenAsync(user);
            await outbox.QueueAsync(db, TemplateKeys.PasswordReset, new MessageRecipient(user.Email, user.DisplayName), new Dictionary<string, string?>
            {
                [Placeholders.StaffName] = user.DisplayName,
                [Placeholders.ResetLink] = desk.Value.PasswordResetLink(user.Id, token),
            }, caseId: null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

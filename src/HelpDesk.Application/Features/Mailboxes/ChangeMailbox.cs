using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>
/// An administrator changes a mailbox's settings. A blank password keeps the stored one, but only
/// while the server stays the same (host, port and security): a password is never sent to a server
/// other than the one it was given for, so a mailbox pointed elsewhere needs its password typed again.
/// </summary>
public static class ChangeMailbox
{
    public sealed record Command : MailboxFields, ICommand
    {
        public Command() { }

        public Command(MailboxFields fields) : base(fields) { }

        public int Id { get; init; }

        /// <summary>Blank keeps the stored password (same server only).</summary>
        public string? Password { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            Include(new MailboxFieldsValidator<Command>(db, c => c.Id));
            RuleFor(c => c.Password)
                .MustAsync(async (command, password, ct) => !string.IsNullOrEmpty(password) || await db.StoredPasswordFitsAsync(command.Id, command, ct))
                .WithMessage(MailboxState.PasswordForAnotherServer);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MailboxPasswords passwords, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var mailbox = await db.Mailboxes.ExistingAsync(command.Id, cancellationToken);
            var before = MailboxState.Of(mailbox);
            var newPassword = string.IsNullOrEmpty(command.Password) ? null : passwords.Protect(command.Password);
            mailbox.Change(command.Settings, newPassword);
            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, MailboxState.Subject(mailbox), newPassword is null ? "Edited" : "Edited, new password",
                before, MailboxState.Of(mailbox)));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

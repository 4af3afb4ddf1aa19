using System.Security.Cryptography;

namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>
/// "Test connection" on a mailbox form: connect with what is typed, sign in and open the folder,
/// changing nothing; null when it all worked, else one sentence saying what failed. A blank
/// password on an existing mailbox tests the stored one, but only against the server it was given
/// for (the rule <see cref="ChangeMailbox"/> keeps).
/// </summary>
public static class TestMailboxConnection
{
    public sealed record Command : MailboxFields, ICommand<Result>
    {
        public Command() { }

        public Command(MailboxFields fields) : base(fields) { }

        /// <summary>The mailbox whose stored password a blank one means; null on a new mailbox's form.</summary>
        public int? MailboxId { get; init; }

        public string? Password { get; init; }
    }

    /// <param name="Problem">Null: connected, signed in and opened the folder.</param>
    public sealed record Result(string? Problem);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            Include(new MailboxServerValidator<Command>());
            RuleFor(c => c.Password)
                .MustAsync(async (command, password, ct) => !string.IsNullOrEmpty(password) || await db.StoredPasswordFitsAsync(command.MailboxId, command, ct))
                .WithMessage(c => c.MailboxId is null ? "Enter the password to test with." : MailboxState.PasswordForAnotherServer);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MailboxPasswords passwords, IMailboxConnectionTest connection) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var password = command.Password;
            if (string.IsNullOrEmpty(password))
            {
                var stored = await db.Mailboxes.AsNoTracking().Where(m => m.Id == command.MailboxId).Select(m => m.ProtectedPassword).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new Administration.ConfigurationNotFoundException("mailbox", command.MailboxId ?? 0);
                try
                {
                    password = passwords.Unprotect(stored);
                }
                catch (CryptographicException)
                {
                    return new Result("The stored password can no longer be read (the Data Protection keys it was kept with are gone): enter it again.");
                }
            }

            return new Result(await connection.ProblemAsync(command.Server, password, cancellationToken));
        }
    }
}

using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Conversations;

namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>
/// An administrator connects a mailbox for HelpDesk to read (docs/email.md, "Setting up a mailbox").
/// The password is kept protected with Data Protection from the moment it arrives; it is never
/// stored, logged or recorded in clear.
/// </summary>
public static class ConnectMailbox
{
    public sealed record Command : MailboxFields, ICommand<int>
    {
        public Command() { }

        public Command(MailboxFields fields) : base(fields) { }

        public string? Password { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            Include(new MailboxFieldsValidator<Command>(db, _ => null));
            RuleFor(c => c.Password).NotEmpty().WithMessage("Enter the mailbox's password.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MailboxPasswords passwords, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var mailbox = Mailbox.Connect(command.Settings, passwords.Protect(command.Password!), time.GetUtcNow());
            db.Mailboxes.Add(mailbox);
            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, MailboxState.Subject(mailbox), "Connected", null, MailboxState.Of(mailbox)));
            await db.SaveChangesAsync(cancellationToken);
            return mailbox.Id;
        }
    }
}

using HelpDesk.Domain.Conversations;

namespace HelpDesk.Application.Features.Email;

/// <summary>
/// A message <see cref="ReceiveEmail"/> could not handle (docs/email.md, "Reading"): one more attempt
/// and its reason, kept by mailbox and message key. At <see cref="MailReceipt.MaxAttempts"/> the message
/// is set aside: the reader moves it to <see cref="Mailbox.FailedFolder"/> right after. Were the reader
/// stopped in between, the message fails once more on the next read and is moved then.
/// </summary>
public static class RecordMailFailure
{
    public const int ReasonMaxLength = MailReceipt.NoteMaxLength;

    /// <param name="Raw">The message as read: its key, subject and sender name the failure for staff.</param>
    /// <param name="Reason">What went wrong, in one sentence.</param>
    public sealed record Command(int MailboxId, byte[] Raw, string Reason) : ICommand<Result>;

    /// <param name="SetAside">The message has failed too often: move it to the failed folder.</param>
    public sealed record Result(int Attempts, bool SetAside);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MailboxId).GreaterThan(0);
            RuleFor(c => c.Raw).NotNull();
            RuleFor(c => c.Reason).NotEmpty();
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var (key, subject, sender) = Describe(command.Raw);
            var failure = await db.MailFailures.SingleOrDefaultAsync(f => f.MailboxId == command.MailboxId && f.MessageKey == key, cancellationToken);
            if (failure is null)
            {
                failure = new MailFailure(command.MailboxId, key, subject, sender);
                db.MailFailures.Add(failure);
            }

            var now = clock.UtcNow;
            failure.RecordAttempt(command.Reason, now);
            if (failure.ShouldSetAside && failure.SetAsideAt is null)
            {
                failure.RecordSetAside(now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return new Result(failure.Attempts, failure.ShouldSetAside);
        }

        /// <summary>The same key <see cref="ReceiveEmail"/> would record; a message that cannot even be parsed is known by its hash.</summary>
        private static (string Key, string? Subject, string? Sender) Describe(byte[] raw)
        {
            try
            {
                var message = InboundEmail.Read(raw);
                return (message.Key, message.Subject, message.FromAddress);
            }
            catch (FormatException)
            {
                return (InboundEmail.HashKey(raw), null, null);
            }
        }
    }
}

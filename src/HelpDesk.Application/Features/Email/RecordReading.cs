using HelpDesk.Domain.Conversations;

namespace HelpDesk.Application.Features.Email;

/// <summary>
/// How a mailbox's reader last fared, for its page: read through to the end (the last problem is
/// cleared), or the one sentence saying why it could not connect, sign in or open the folder.
/// </summary>
public static class RecordReading
{
    /// <param name="Problem">Null when the folder was read through; else what failed.</param>
    public sealed record Command(int MailboxId, string? Problem) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MailboxId).GreaterThan(0);
            RuleFor(c => c.Problem).NotEmpty().When(c => c.Problem is not null);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            // A mailbox removed while its reader was still at work has nothing to record on.
            if (await db.Mailboxes.SingleOrDefaultAsync(m => m.Id == command.MailboxId, cancellationToken) is not Mailbox mailbox)
            {
                return Unit.Value;
            }

            if (command.Problem is null)
            {
                mailbox.RecordRead(clock.UtcNow);
            }
            else
            {
                mailbox.RecordProblem(command.Problem, clock.UtcNow);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

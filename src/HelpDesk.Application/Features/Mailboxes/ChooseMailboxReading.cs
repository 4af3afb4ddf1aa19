using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Application.Features.Mailboxes;

/// <summary>
/// An administrator pauses a mailbox (its reader stops taking messages; what is in the folder waits
/// there) or resumes it. Nothing is lost either way: the folder keeps what arrives meanwhile.
/// </summary>
public static class ChooseMailboxReading
{
    public sealed record Command(int Id, bool Read) : ICommand;

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var mailbox = await db.Mailboxes.ExistingAsync(command.Id, cancellationToken);
            var wasReading = mailbox.IsActive;
            if (command.Read)
            {
                mailbox.Resume();
            }
            else
            {
                mailbox.Pause();
            }

            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, MailboxState.Subject(mailbox), command.Read ? "Resumed" : "Paused",
                new { Reading = wasReading ? "On" : "Paused" }, new { Reading = command.Read ? "On" : "Paused" }));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

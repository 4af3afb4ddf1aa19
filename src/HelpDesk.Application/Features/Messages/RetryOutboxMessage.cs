namespace HelpDesk.Application.Features.Messages;

/// <summary>An administrator sends a given-up message again, with a fresh set of attempts.</summary>
public static class RetryOutboxMessage
{
    public sealed record Command(Guid Id) : ICommand<bool>;

    internal sealed class Handler(HelpDeskDbContext db, TimeProvider time, OutboxSignal signal) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = await db.OutboxMessages.SingleOrDefaultAsync(m => m.Id == command.Id, cancellationToken);
            if (message is null)
            {
                return false;
            }

            message.Retry(time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            signal.Wake();
            return true;
        }
    }
}

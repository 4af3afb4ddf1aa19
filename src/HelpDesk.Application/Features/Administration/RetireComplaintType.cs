namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// An administrator stops offering a complaint type for new cases (or offers it again). Cases that
/// have it keep it, and so do the SLA rows that name it, so their deadlines never change by surprise.
/// </summary>
public static class RetireComplaintType
{
    public sealed record Command(int Id, bool Retire) : ICommand;

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser currentUser, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var type = await db.ComplaintTypes.SingleOrDefaultAsync(t => t.Id == command.Id, cancellationToken)
                ?? throw new ConfigurationNotFoundException("complaint type", command.Id);
            if (command.Retire)
            {
                type.Retire();
            }
            else
            {
                type.Reactivate();
            }

            db.ConfigurationChanges.Add(ConfigurationRecord.Of(currentUser, time, $"Complaint type {type.Name}", command.Retire ? "Retired" : "Reactivated",
                new { Offered = !command.Retire }, new { Offered = command.Retire is false }));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

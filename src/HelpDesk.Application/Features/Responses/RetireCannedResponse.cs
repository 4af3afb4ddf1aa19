using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Application.Features.Responses;

/// <summary>An administrator stops offering a canned response; it stays listed as retired, and what was sent with it stays as sent.</summary>
public static class RetireCannedResponse
{
    public sealed record Command(int Id) : ICommand;

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var response = await db.CannedResponses.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new ConfigurationNotFoundException("canned response", command.Id);
            response.Retire(user.Actor.DisplayName, time.GetUtcNow());
            db.ConfigurationChanges.Add(ConfigurationRecord.Of(user, time, $"Canned response {response.Name}", "Retired", new { Offered = true }, new { Offered = false }));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

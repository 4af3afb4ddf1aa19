using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Application.Features.Responses;

/// <summary>An administrator rewrites a canned response; replies already sent keep the words they went with.</summary>
public static class ChangeCannedResponse
{
    public sealed record Command(int Id, string? Name, string? Body) : ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => CannedResponseFields.Check(this, c => c.Name, c => c.Body);
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var response = await db.CannedResponses.SingleOrDefaultAsync(r => r.Id == command.Id, cancellationToken)
                ?? throw new ConfigurationNotFoundException("canned response", command.Id);
            var before = new { response.Name, response.Body };
            response.Change(command.Name!, command.Body!, user.Actor.DisplayName, time.GetUtcNow());
            db.ConfigurationChanges.Add(ConfigurationRecord.Of(user, time, $"Canned response {response.Name}", "Changed", before, new { response.Name, response.Body }));
            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

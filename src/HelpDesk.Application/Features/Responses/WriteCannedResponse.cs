using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Responses;

namespace HelpDesk.Application.Features.Responses;

/// <summary>An administrator writes a new canned response; it is offered in the composer at once.</summary>
public static class WriteCannedResponse
{
    public sealed record Command(string? Name, string? Body) : ICommand<int>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => CannedResponseFields.Check(this, c => c.Name, c => c.Body);
    }

    internal sealed class Handler(HelpDeskDbContext db, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var response = CannedResponse.Write(command.Name!, command.Body!, user.Actor.DisplayName, time.GetUtcNow());
            db.CannedResponses.Add(response);
            db.ConfigurationChanges.Add(ConfigurationRecord.Of(user, time, $"Canned response {response.Name}", "Written", null, new { response.Name, response.Body }));
            await db.SaveChangesAsync(cancellationToken);
            return response.Id;
        }
    }
}

namespace HelpDesk.Application.Features.Suggestions;

/// <summary>Takes a suggestion off "You said, we did"; its public words are kept, to publish again.</summary>
public static class WithdrawSuggestion
{
    public sealed record Command(long Id) : ICommand, ISupervisorRequest;

    internal sealed class Handler(HelpDeskDbContext db) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var suggestion = await db.FindSuggestionAsync(command.Id, cancellationToken);
            suggestion.Withdraw();
            await db.SaveSuggestionAsync(cancellationToken);
            return Unit.Value;
        }
    }
}

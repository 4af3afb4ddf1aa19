namespace HelpDesk.Application.Features.Complaints;

public static class CloseCase
{
    public sealed record Command(string Reference) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).MustBeAReference();
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Close, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.Close(user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

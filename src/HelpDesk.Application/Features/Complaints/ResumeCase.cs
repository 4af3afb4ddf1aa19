using HelpDesk.Application.Features.Sla;

namespace HelpDesk.Application.Features.Complaints;

public static class ResumeCase
{
    public sealed record Command(string Reference) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reference).MustBeAReference();
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Resume, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.Resume(await sla.CalendarNamedAsync(complaint.Deadlines.CalendarName, cancellationToken), user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

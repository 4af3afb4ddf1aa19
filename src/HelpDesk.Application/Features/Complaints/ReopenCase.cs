using HelpDesk.Application.Features.Sla;

namespace HelpDesk.Application.Features.Complaints;

public static class ReopenCase
{
    public sealed record Command(string Reference, string? Reason) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the case is reopened.").MaximumLength(Complaint.ReasonMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Reopen, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.Reopen(command.Reason!, await sla.CalendarNamedAsync(complaint.Deadlines.CalendarName, cancellationToken), user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

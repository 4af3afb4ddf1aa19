namespace HelpDesk.Application.Features.Complaints;

public static class RecordFollowUp
{
    public sealed record Command(string Reference, bool ContactMade, int? Satisfaction, string? Comments) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Satisfaction).NotNull().WithMessage("Record the customer's satisfaction from 1 to 5.").InclusiveBetween(1, 5).When(c => c.ContactMade);
            RuleFor(c => c.Satisfaction).Null().WithMessage("Satisfaction is recorded only when the customer was reached.").When(c => !c.ContactMade);
            RuleFor(c => c.Comments).MaximumLength(Complaint.NoteMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.FollowUp, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.RecordFollowUp(command.ContactMade, command.Satisfaction, command.Comments, user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

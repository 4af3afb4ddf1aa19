namespace HelpDesk.Application.Features.Complaints;

public static class ReferCase
{
    public sealed record Command(string Reference, int? DepartmentId, string? AssigneeId, string? Reason) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.DepartmentId).NotNull().WithMessage("Choose the department the case goes to.");
            RuleFor(c => c.Reason).MaximumLength(Complaint.ReasonMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Refer, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            var referral = await db.ReferralAsync(command.DepartmentId!.Value, command.AssigneeId, nameof(Command.DepartmentId), nameof(Command.AssigneeId), cancellationToken);
            complaint.ReferTo(referral, command.Reason, await db.OwnerAsync(complaint, cancellationToken), user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

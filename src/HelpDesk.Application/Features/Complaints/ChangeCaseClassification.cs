using HelpDesk.Application.Features.Sla;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>
/// Staff correct a case's complaint type or priority. The SLA row then in force for the new pair
/// recomputes the open deadlines from the original received-at, and the timeline says so.
/// </summary>
public static class ChangeCaseClassification
{
    public sealed record Command(string Reference, int? ComplaintTypeId, Priority? Priority) : CaseCommand, ICaseStep, ICommand<Result>;

    public sealed record Result(int DeadlinesMoved);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.ComplaintTypeId).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose a complaint type.")
                .MustAsync((id, ct) => db.ComplaintTypes.AnyAsync(t => t.Id == id && t.IsActive, ct))
                .WithMessage("Choose one of the listed complaint types.");
            RuleFor(c => c.Priority).NotNull().WithMessage("Choose a priority.").IsInEnum().WithMessage("Choose one of the listed priorities.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, SlaPolicy sla, DeskClock clock, ICurrentUser currentUser) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, null, currentUser.Worker, cancellationToken);
            var now = clock.UtcNow;
            if (complaint.ComplaintTypeId == command.ComplaintTypeId && complaint.Priority == command.Priority)
            {
                throw CaseWork.Invalid(nameof(Command.ComplaintTypeId), "Choose a different complaint type or priority: these are the case's now.");
            }

            var names = await db.ComplaintTypes.Where(t => t.Id == complaint.ComplaintTypeId || t.Id == command.ComplaintTypeId)
                .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            var row = (await sla.CurrentTableAsync(cancellationToken)).RowFor(command.ComplaintTypeId!.Value, command.Priority!.Value);
            var moved = complaint.ChangeClassification(command.ComplaintTypeId.Value, names[command.ComplaintTypeId.Value], command.Priority.Value,
                names[complaint.ComplaintTypeId], row, currentUser.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return new Result(moved);
        }
    }
}

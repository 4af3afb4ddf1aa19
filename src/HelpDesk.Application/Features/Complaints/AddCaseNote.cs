namespace HelpDesk.Application.Features.Complaints;

public static class AddCaseNote
{
    public sealed record Command(string Reference, string? Text, bool VisibleToCustomer) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Text).NotEmpty().WithMessage("Write the note.").MaximumLength(Complaint.NoteMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, command.VisibleToCustomer ? CaseAction.AddCustomerUpdate : CaseAction.AddInternalNote, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            if (command.VisibleToCustomer)
            {
                complaint.AddCustomerUpdate(command.Text!, user.Actor, now);
            }
            else
            {
                complaint.AddInternalNote(command.Text!, user.Actor, now);
            }

            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

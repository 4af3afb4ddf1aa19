namespace HelpDesk.Application.Features.Complaints;

public static class WaitOnCustomer
{
    public sealed record Command(string Reference, string? WhatIsNeeded) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.WhatIsNeeded).NotEmpty().WithMessage("Say what is needed from the customer.").MaximumLength(Complaint.ReasonMaxLength);
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.WaitOnCustomer, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            complaint.WaitOnCustomer(command.WhatIsNeeded!, user.Actor, now);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>
/// The case waits on the customer (docs/product.md): the resolution clock pauses, and a customer with an
/// email address is told what we need from them, threaded with the case's other emails (docs/messages.md).
/// </summary>
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

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user, MessageOutbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.WaitOnCustomer, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            await WaitAsync(db, outbox, clock, complaint, command.WhatIsNeeded!, user.Actor, now, tellByEmail: true, cancellationToken);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>
    /// The step itself, for this use case and the composer's "then wait on the customer". Without
    /// <paramref name="tellByEmail"/> the customer was told already (the composer's reply said it).
    /// </summary>
    internal static async Task WaitAsync(HelpDeskDbContext db, MessageOutbox outbox, DeskClock clock, Complaint complaint, string whatIsNeeded, Actor actor, DateTimeOffset now, bool tellByEmail, CancellationToken cancellationToken)
    {
        complaint.WaitOnCustomer(whatIsNeeded, actor, now);
        if (tellByEmail && !string.IsNullOrWhiteSpace(complaint.Customer.Email))
        {
            var values = CaseMessages.CaseValues(complaint, await db.CurrentReferralAsync(complaint, cancellationToken), clock);
            values[Placeholders.WhatIsNeeded] = whatIsNeeded.Trim();
            await outbox.QueueToCustomerAsync(db, complaint, complaint.Customer.Email, TemplateKeys.WaitingOnCustomer, values, "Request for information", actor, now, cancellationToken);
        }
    }
}

using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>
/// A note on the case: internal, for staff only, or an update for the customer, which shows on their
/// status page and is emailed to a customer with an email address, threaded with the case (docs/messages.md).
/// </summary>
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

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user, MessageOutbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, command.VisibleToCustomer ? CaseAction.AddCustomerUpdate : CaseAction.AddInternalNote, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            if (command.VisibleToCustomer)
            {
                complaint.AddCustomerUpdate(command.Text!, user.Actor, now);
                if (!string.IsNullOrWhiteSpace(complaint.Customer.Email))
                {
                    var values = CaseMessages.CaseValues(complaint, await db.CurrentReferralAsync(complaint, cancellationToken), clock);
                    values[Placeholders.Update] = command.Text!.Trim();
                    await outbox.QueueToCustomerAsync(db, complaint, complaint.Customer.Email, TemplateKeys.CustomerUpdate, values, "Update", user.Actor, now, cancellationToken);
                }
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

using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Conversations;

/// <summary>
/// A member of staff writes to the customer from the case page (docs/email.md, "Outgoing mail threads
/// too"): the reply joins the case's conversation and goes by email, threaded like every customer
/// email about a case, signed with the writer's first name and the case's department. It is not the
/// substantive response: no deadline is met or moved by it (docs/sla-rules.md).
/// </summary>
public static class ReplyToCustomer
{
    public const int TextMaxLength = Complaint.NoteMaxLength;

    public sealed record Command(string Reference, string? Text) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Write the reply.")
                .MaximumLength(TextMaxLength).WithMessage($"A reply is at most {TextMaxLength:N0} characters.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock, ICurrentUser user, MessageOutbox outbox) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Reply, user.Worker, cancellationToken);
            var address = CaseMessages.EmailFor(complaint, nameof(Command.Text), "reply");
            var now = clock.UtcNow;
            var text = command.Text!.Trim();
            complaint.RecordReply("by email", user.Actor, now);

            var department = (await db.CurrentReferralAsync(complaint, cancellationToken))?.DepartmentName ?? DatabaseSeeder.DefaultDepartment;
            var sent = await outbox.QueueAsync(db, TemplateKeys.Reply, new MessageRecipient(address, complaint.Customer.Name), new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                [Placeholders.Reference] = complaint.Reference,
                [Placeholders.CustomerName] = complaint.Customer.Name,
                [Placeholders.Subject] = complaint.Subject,
                [Placeholders.Reply] = text,
                [Placeholders.SignedBy] = CustomerFacingNames.Signature(department, user.Actor.DisplayName),
                [Placeholders.Department] = department,
            }, complaint.Id, cancellationToken);
            // Staff see who wrote it; the customer is only ever shown the first name (the signature above).
            db.CaseMessages.Add(CaseMessage.Reply(complaint.Id, user.Actor.DisplayName, text, MessageChannel.Email, sent.Subject, sent.MessageId, sent.Id, now));
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

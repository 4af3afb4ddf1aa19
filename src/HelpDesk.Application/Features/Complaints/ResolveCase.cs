using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Complaints;

public static class ResolveCase
{
    public sealed record Command(string Reference, ResolutionOutcome? Outcome, string? Analysis, string? Response, CommunicationMethod? CommunicatedBy) : CaseCommand, ICaseStep, ICommand;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.Outcome).NotNull().WithMessage("Say whether the case is resolved or cannot be accommodated.").IsInEnum();
            RuleFor(c => c.Analysis).NotEmpty().WithMessage("Give the analysis of the issue.").MaximumLength(Complaint.NoteMaxLength);
            RuleFor(c => c.Response).NotEmpty().WithMessage("Give the proposed resolution, or the clear reasons it cannot be accommodated.").MaximumLength(Complaint.NoteMaxLength);
            RuleFor(c => c.CommunicatedBy).NotNull().WithMessage("Say how the response was given to the customer.").IsInEnum();
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MessageOutbox outbox, SurveyInvitation survey, SlaPolicy sla, DeskClock clock, ICurrentUser user) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Resolve, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            var email = command.CommunicatedBy == CommunicationMethod.Email ? CaseMessages.EmailFor(complaint, nameof(Command.CommunicatedBy), "response") : null;
            complaint.Resolve(
                new ResolutionDetails(command.Outcome!.Value, command.Analysis!, command.Response!, command.CommunicatedBy!.Value),
                await sla.CalendarNamedAsync(complaint.Deadlines.CalendarName, cancellationToken),
                user.Actor,
                now);
            if (email is not null)
            {
                var values = CaseMessages.CaseValues(complaint, await db.CurrentReferralAsync(complaint, cancellationToken), clock);
                values[Placeholders.Resolution] = complaint.ResolutionResponse;
                await outbox.QueueToCustomerAsync(db, complaint, email, TemplateKeys.Resolution, values, "Response", user.Actor, now, cancellationToken);
            }

            // However the response was given, a customer with an email address is asked how we did.
            await survey.InviteAsync(db, complaint, user.Actor, now, cancellationToken);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }
}

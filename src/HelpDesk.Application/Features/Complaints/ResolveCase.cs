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
            await ResolveAsync(new Resolving(db, outbox, survey, sla, clock), complaint,
                new ResolutionDetails(command.Outcome!.Value, command.Analysis!, command.Response!, command.CommunicatedBy!.Value),
                user.Actor, now, emailTheResponse: true, nameof(Command.CommunicatedBy), cancellationToken);
            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return Unit.Value;
        }
    }

    /// <summary>What resolving a case needs besides the case.</summary>
    internal sealed record Resolving(HelpDeskDbContext Db, MessageOutbox Outbox, SurveyInvitation Survey, SlaPolicy Sla, DeskClock Clock);

    /// <summary>
    /// The step itself, for this use case and the composer's "then resolve". A response given by email is
    /// emailed with the resolution message, unless <paramref name="emailTheResponse"/> is false because the
    /// composer's reply was that email; either way a customer with an email address is asked how we did.
    /// </summary>
    internal static async Task ResolveAsync(Resolving with, Complaint complaint, ResolutionDetails details, Actor actor, DateTimeOffset now, bool emailTheResponse, string field, CancellationToken cancellationToken)
    {
        var email = emailTheResponse && details.CommunicatedBy == CommunicationMethod.Email ? CaseMessages.EmailFor(complaint, field, "response") : null;
        complaint.Resolve(details, await with.Sla.CalendarNamedAsync(complaint.Deadlines.CalendarName, cancellationToken), actor, now);
        if (email is not null)
        {
            var values = CaseMessages.CaseValues(complaint, await with.Db.CurrentReferralAsync(complaint, cancellationToken), with.Clock);
            values[Placeholders.Resolution] = complaint.ResolutionResponse;
            await with.Outbox.QueueToCustomerAsync(with.Db, complaint, email, TemplateKeys.Resolution, values, "Response", actor, now, cancellationToken);
        }

        await with.Survey.InviteAsync(with.Db, complaint, actor, now, cancellationToken);
    }
}

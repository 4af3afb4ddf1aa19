using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>
/// Acknowledge a case: when, how, who it is referred to, and when the customer can expect a
/// response (by default the resolution deadline).
/// </summary>
public static class AcknowledgeCase
{
    public sealed record Command(
        string Reference,
        DateTimeOffset? At,
        AcknowledgementMethod? Method,
        int? DepartmentId,
        string? AssigneeId,
        DateTimeOffset? ExpectedResponseBy) : CaseCommand, ICaseStep, ICommand<Result>;

    /// <summary>Whether the method fits the channel's rule; staff may choose otherwise, and are told.</summary>
    public sealed record Result(bool MethodFitsChannel, AcknowledgementMethod ExpectedMethod);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.At).Must(at => at is null || at <= time.GetUtcNow()).WithMessage("The acknowledgement cannot be in the future.");
            RuleFor(c => c.Method).NotNull().WithMessage("Say how the customer was acknowledged.").IsInEnum();
            RuleFor(c => c.DepartmentId).NotNull().WithMessage("Choose the department the case is referred to.");
            RuleFor(c => c.ExpectedResponseBy).Must((c, by) => by is null || by > (c.At ?? time.GetUtcNow()))
                .WithMessage("The date the customer can expect a response must be after the acknowledgement.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MessageOutbox outbox, SlaPolicy sla, DeskClock clock, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Acknowledge, user.Worker, cancellationToken);
            var referral = await db.ReferralAsync(command.DepartmentId!.Value, command.AssigneeId, nameof(Command.DepartmentId), nameof(Command.AssigneeId), cancellationToken);
            var now = clock.UtcNow;
            var method = command.Method!.Value;
            var email = method == AcknowledgementMethod.Email ? CaseMessages.EmailFor(complaint, nameof(Command.Method), "acknowledgement") : null;
            complaint.Acknowledge(new AcknowledgementDetails(command.At ?? now, method, referral, command.ExpectedResponseBy ?? complaint.ResolveDue),
                await sla.CalendarNamedAsync(complaint.Deadlines.Acknowledgement.CalendarName, cancellationToken), user.Actor, now);
            if (email is not null)
            {
                await outbox.QueueToCustomerAsync(db, complaint, email, TemplateKeys.AcknowledgementEmail, CaseMessages.CaseValues(complaint, referral, clock), "Acknowledgement", user.Actor, now, cancellationToken);
            }

            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return new Result(AcknowledgementRules.Fits(complaint.Channel, method), AcknowledgementRules.DefaultFor(complaint.Channel));
        }
    }
}

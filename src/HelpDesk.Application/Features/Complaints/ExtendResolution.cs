using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>The resolution deadline cannot be met: a new date, the reason, and how the customer was told.</summary>
public static class ExtendResolution
{
    public sealed record Command(string Reference, DateTimeOffset? NewDate, string? Reason, CommunicationMethod? ToldBy) : CaseCommand, ICaseStep, ICommand<Result>;

    public sealed record Result(bool MovedTheDeadline);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider time)
        {
            RuleFor(c => c.Reference).MustBeAReference();
            RuleFor(c => c.NewDate).NotNull().WithMessage("Give the new date the customer can expect a response.")
                .Must(d => d > time.GetUtcNow()).WithMessage("The new date must be in the future.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the deadline cannot be met.").MaximumLength(Complaint.ReasonMaxLength);
            RuleFor(c => c.ToldBy).NotNull().WithMessage("Say how the customer was told.").IsInEnum();
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, MessageOutbox outbox, DeskClock clock, ICurrentUser user) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var complaint = await db.FindCaseForAsync(command.Reference, command, CaseAction.Extend, user.Worker, cancellationToken);
            var now = clock.UtcNow;
            var email = command.ToldBy == CommunicationMethod.Email ? CaseMessages.EmailFor(complaint, nameof(Command.ToldBy), "extension notice") : null;
            var extension = complaint.ExtendResolution(command.NewDate!.Value, command.Reason!, command.ToldBy!.Value, user.Actor, now);
            if (email is not null)
            {
                var values = CaseMessages.CaseValues(complaint, await db.CurrentReferralAsync(complaint, cancellationToken), clock);
                values[Placeholders.Reason] = extension.Reason;
                await outbox.QueueToCustomerAsync(db, complaint, email, TemplateKeys.ExtensionNotice, values, "Extension notice", user.Actor, now, cancellationToken);
            }

            await db.SaveCaseAsync(complaint, command, now, cancellationToken);
            return new Result(extension.Applied);
        }
    }
}

using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Features.Sla;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>An agent logs a complaint, question or request for service and gets its reference number.</summary>
public static class LogComplaint
{
    public sealed record Command : ICommand<Result>
    {
        /// <summary>When the customer made contact. May be backdated (a letter that arrived earlier), never in the future.</summary>
        public DateTimeOffset ReceivedAt { get; init; }
        public Channel? Channel { get; init; }
        public CaseKind? Kind { get; init; }
        public int? ComplaintTypeId { get; init; }
        public Priority? Priority { get; init; }
        public string? CustomerName { get; init; }
        public string? CustomerEmail { get; init; }
        public string? CustomerPhone { get; init; }
        public string? CustomerPostalAddress { get; init; }
        public string? Subject { get; init; }
        public string? Description { get; init; }

        /// <summary>
        /// The answer given while the customer was still on the line or at the counter: the case is resolved at first
        /// contact (it counts toward the FCR target) instead of starting its acknowledgement and resolution clocks.
        /// </summary>
        public string? FirstContactAnswer { get; init; }

        /// <summary>How that answer was given; required with it.</summary>
        public CommunicationMethod? FirstContactCommunicatedBy { get; init; }

        /// <summary>The log form's one-time token: the same form posted twice logs one case. Optional for callers with no form.</summary>
        public Guid? FormId { get; init; }
    }

    /// <param name="AlreadyLogged">This form had logged the case before: nothing new was stored.</param>
    public sealed record Result(long Id, string Reference, bool AlreadyLogged = false);

    /// <summary>The primary key of <c>case_action_receipts</c>, which holds the log form's token too.</summary>
    private const string ReceiptKey = "pk_case_action_receipts";

    public const int MaxBackdating = 365;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db, TimeProvider time)
        {
            RuleFor(c => c.ReceivedAt)
                .Must(at => at <= time.GetUtcNow()).WithMessage("Received at cannot be in the future.")
                .Must(at => at >= time.GetUtcNow().AddDays(-MaxBackdating)).WithMessage($"Received at can be backdated by at most {MaxBackdating} days.");
            RuleFor(c => c.Channel).NotNull().WithMessage("Choose the channel the customer used.")
                .IsInEnum().WithMessage("Choose one of the listed channels.");
            RuleFor(c => c.Kind).NotNull().WithMessage("Choose whether this is a complaint, a question or a request for service.")
                .IsInEnum().WithMessage("Choose one of the listed kinds.");
            RuleFor(c => c.Priority).NotNull().WithMessage("Choose a priority.")
                .IsInEnum().WithMessage("Choose one of the listed priorities.");
            RuleFor(c => c.ComplaintTypeId).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Choose a complaint type.")
                .MustAsync((id, ct) => db.ComplaintTypes.AnyAsync(t => t.Id == id && t.IsActive, ct))
                .WithMessage("Choose one of the listed complaint types.");
            RuleFor(c => c.CustomerName).NotEmpty().WithMessage("Enter the customer's name.").MaximumLength(200);
            // Blank contact details are simply absent; the rule below asks for at least one.
            RuleFor(c => c.CustomerEmail).MaximumLength(254).EmailAddress().WithMessage("Enter an email address like name@example.com.")
                .When(c => !string.IsNullOrWhiteSpace(c.CustomerEmail));
            RuleFor(c => c.CustomerPhone).MaximumLength(40)
                .Matches(@"^\+?[0-9 ()\-.]{5,}$").WithMessage("Enter a phone number of digits, spaces, brackets or hyphens, optionally starting with +.")
                .When(c => !string.IsNullOrWhiteSpace(c.CustomerPhone));
            RuleFor(c => c.CustomerPostalAddress).MaximumLength(500);
            RuleFor(c => c)
                .Must(c => !string.IsNullOrWhiteSpace(c.CustomerEmail) || !string.IsNullOrWhiteSpace(c.CustomerPhone) || !string.IsNullOrWhiteSpace(c.CustomerPostalAddress))
                .WithName("Contact")
                .OverridePropertyName("CustomerEmail")
                .WithMessage("Give at least one way to reach the customer: an email, a phone number or a postal address.");
            RuleFor(c => c.Subject).NotEmpty().WithMessage("Enter a subject.").MaximumLength(Complaint.SubjectMaxLength);
            RuleFor(c => c.Description).NotEmpty().WithMessage("Describe what the customer told us.").MaximumLength(Complaint.DescriptionMaxLength);
            RuleFor(c => c.FirstContactAnswer).MaximumLength(Complaint.NoteMaxLength);
            RuleFor(c => c.FirstContactCommunicatedBy).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage("Say how the answer was given to the customer.")
                .IsInEnum().WithMessage("Choose one of the listed ways.")
                .When(c => !string.IsNullOrWhiteSpace(c.FirstContactAnswer));
        }
    }

    internal sealed class Handler(HelpDeskDbContext db, ReferenceNumberIssuer issuer, SlaPolicy sla, DeskClock clock, ICurrentUser currentUser, SurveyInvitation survey)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.FormId is { } formId && await LoggedByAsync(formId, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            try
            {
                // The case and its form's token commit together, so a replay finds the token exactly when the case exists.
                var strategy = db.Database.CreateExecutionStrategy();
                return await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var logged = await LogAsync(command, cancellationToken);
                    if (command.FormId is { } id)
                    {
                        db.CaseActionReceipts.Add(new CaseActionReceipt { ActionId = id, ComplaintId = logged.Id, RecordedAt = clock.UtcNow });
                        await db.SaveChangesAsync(cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                    return logged;
                });
            }
            catch (DbUpdateException duplicate) when (command.FormId is { } id && duplicate.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: ReceiptKey })
            {
                // Two posts of the same form at once: the first committed its case while this one waited on the token.
                db.ChangeTracker.Clear();
                return await LoggedByAsync(id, cancellationToken) ?? throw new InvalidOperationException("The log form's token is stored without its case.", duplicate);
            }
        }

        private async Task<Result?> LoggedByAsync(Guid formId, CancellationToken cancellationToken) =>
            await db.CaseActionReceipts.AsNoTracking()
                .Where(r => r.ActionId == formId)
                .Join(db.Complaints, r => r.ComplaintId, c => c.Id, (r, c) => new Result(c.Id, c.Reference, true))
                .SingleOrDefaultAsync(cancellationToken);

        private async Task<Result> LogAsync(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var row = (await sla.CurrentTableAsync(cancellationToken)).RowFor(command.ComplaintTypeId!.Value, command.Priority!.Value);
            var reference = await issuer.IssueAsync(clock.ToLocal(now).Year, cancellationToken);
            var complaint = Complaint.Log(
                reference,
                new NewCase(
                    command.ReceivedAt,
                    command.Channel!.Value,
                    command.Kind!.Value,
                    command.ComplaintTypeId!.Value,
                    command.Priority!.Value,
                    new CustomerContact(command.CustomerName!, command.CustomerEmail, command.CustomerPhone, command.CustomerPostalAddress),
                    command.Subject!,
                    command.Description!),
                row,
                currentUser.Actor,
                now);
            if (!string.IsNullOrWhiteSpace(command.FirstContactAnswer))
            {
                complaint.ResolveAtFirstContact(command.FirstContactAnswer, command.FirstContactCommunicatedBy!.Value, row, currentUser.Actor, now);
            }

            db.Complaints.Add(complaint);
            await db.SaveChangesAsync(cancellationToken);
            if (complaint.ResolvedAtFirstContact)
            {
                // A case answered on the spot is resolved too: its customer is asked how we did, in the
                // same transaction, once the case has the id the email is filed under.
                await survey.InviteAsync(db, complaint, currentUser.Actor, now, cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            return new Result(complaint.Id, complaint.Reference);
        }
    }
}

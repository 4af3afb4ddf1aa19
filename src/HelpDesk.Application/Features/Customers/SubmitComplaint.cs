using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Customers;

/// <summary>
/// A customer makes a complaint on the public form. It is logged as received now from the web form,
/// referred to the department its type goes to, and acknowledged by email in the same transaction:
/// the customer's acknowledgement is the email this queues, so the acknowledgement deadline is met at once.
/// </summary>
public static class SubmitComplaint
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int PhoneMaxLength = 40;

    public sealed record Command : PublicFormCommand, ICommand<Result>
    {
        public string? CustomerName { get; init; }
        public string? CustomerEmail { get; init; }
        public string? CustomerPhone { get; init; }
        public int? ComplaintTypeId { get; init; }
        public string? Subject { get; init; }
        public string? Description { get; init; }
    }

    /// <summary>What the customer is told. No reference when the honeypot was filled: nothing was stored.</summary>
    public sealed record Result(string? Reference, string? Department, DateTimeOffset? ExpectedBy);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator(HelpDeskDbContext db)
        {
            // A bot that fills the honeypot is told it succeeded, whatever else it typed.
            When(c => !c.LooksAutomated, () =>
            {
                RuleFor(c => c.CustomerName).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Enter your name.")
                    .MaximumLength(NameMaxLength).WithMessage($"Keep your name to {NameMaxLength} characters or fewer.")
                    .Must(OneLine).WithMessage("Enter your name on one line.");
                RuleFor(c => c.CustomerEmail).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Enter your email address, so we can send you the reference number.")
                    .MaximumLength(EmailMaxLength).WithMessage($"Keep the email address to {EmailMaxLength} characters or fewer.")
                    .Must(OneLine).WithMessage("Enter the email address on one line, like name@example.com.")
                    .EmailAddress().WithMessage("Enter an email address like name@example.com.");
                RuleFor(c => c.CustomerPhone).Cascade(CascadeMode.Stop)
                    .MaximumLength(PhoneMaxLength).WithMessage($"Keep the phone number to {PhoneMaxLength} characters or fewer.")
                    .Matches(@"^\+?[0-9 ()\-.]{5,}$").WithMessage("Enter a phone number of digits, spaces, brackets or hyphens, optionally starting with +.")
                    .When(c => !string.IsNullOrWhiteSpace(c.CustomerPhone));
                RuleFor(c => c.ComplaintTypeId).Cascade(CascadeMode.Stop)
                    .NotNull().WithMessage("Choose what your complaint is about.")
                    .MustAsync((id, ct) => db.ComplaintTypes.AnyAsync(t => t.Id == id && t.IsActive, ct))
                    .WithMessage("Choose one of the listed complaint types.");
                RuleFor(c => c.Subject).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Enter a subject: a few words that sum up your complaint.")
                    .MaximumLength(Complaint.SubjectMaxLength).WithMessage($"Keep the subject to {Complaint.SubjectMaxLength} characters or fewer.")
                    .Must(OneLine).WithMessage("Enter the subject on one line.");
                RuleFor(c => c.Description).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Tell us what happened.")
                    .MaximumLength(Complaint.DescriptionMaxLength).WithMessage($"Keep the description to {Complaint.DescriptionMaxLength} characters or fewer.");
            });
        }

        // Name, email and subject go into the email's headers and greeting: a line break there could add a header.
        private static bool OneLine(string? text) => !HeaderText.HasControlCharacters(text);
    }

    internal sealed class Handler(HelpDeskDbContext db, ReferenceNumberIssuer issuer, SlaPolicy sla, DeskClock clock, MessageOutbox outbox)
        : ICommandHandler<Command, Result>
    {
        /// <summary>The primary key of <c>case_action_receipts</c>, which also holds the public form's tokens.</summary>
        private const string ReceiptKey = "pk_case_action_receipts";

        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.LooksAutomated)
            {
                return new Result(null, null, null);
            }

            if (await AlreadySubmittedAsync(command.FormToken, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            var typeId = command.ComplaintTypeId!.Value;
            var referral = await ReferralForAsync(typeId, cancellationToken);
            var row = (await sla.CurrentTableAsync(cancellationToken)).RowFor(typeId, Priority.Normal);
            try
            {
                var strategy = db.Database.CreateExecutionStrategy();
                return await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var now = clock.UtcNow;
                    var reference = await issuer.IssueAsync(clock.ToLocal(now).Year, cancellationToken);
                    var complaint = Complaint.Log(
                        reference,
                        new NewCase(now, Channel.WebForm, CaseKind.Complaint, typeId, Priority.Normal,
                            new CustomerContact(command.CustomerName!, command.CustomerEmail, command.CustomerPhone, null),
                            command.Subject!, command.Description!),
                        row,
                        Actor.System,
                        now);
                    db.Complaints.Add(complaint);
                    await db.SaveChangesAsync(cancellationToken);

                    if (command.FormToken is { } token)
                    {
                        db.CaseActionReceipts.Add(new CaseActionReceipt { ActionId = token, ComplaintId = complaint.Id, RecordedAt = now });
                    }

                    await outbox.AcknowledgeByEmailAsync(db, complaint, referral, row.Calendar, clock, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return new Result(complaint.Reference, referral.DepartmentName, complaint.ExpectedResponseBy);
                });
            }
            catch (DbUpdateException duplicate) when (duplicate.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: ReceiptKey })
            {
                // The same form posted twice at once: the other post's case stands, this one rolled back.
                db.ChangeTracker.Clear();
                return await AlreadySubmittedAsync(command.FormToken, cancellationToken)
                    ?? throw new InvalidOperationException("The form's token was refused as a duplicate, yet no case has it.", duplicate);
            }
        }

        private async Task<Result?> AlreadySubmittedAsync(Guid? formToken, CancellationToken cancellationToken)
        {
            if (formToken is not { } token)
            {
                return null;
            }

            return await db.CaseActionReceipts.AsNoTracking()
                .Where(r => r.ActionId == token)
                .Join(db.Complaints, r => r.ComplaintId, c => c.Id, (r, c) => new
                {
                    c.Reference,
                    Department = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                    c.ExpectedResponseBy,
                })
                .Select(c => new Result(c.Reference, c.Department, c.ExpectedResponseBy))
                .SingleOrDefaultAsync(cancellationToken);
        }

        /// <summary>The type's default department, else the desk's default department.</summary>
        private async Task<Referral> ReferralForAsync(int complaintTypeId, CancellationToken cancellationToken)
        {
            var chosen = await db.ComplaintTypes.AsNoTracking()
                .Where(t => t.Id == complaintTypeId && t.DefaultDepartmentId != null)
                .Join(db.Departments, t => t.DefaultDepartmentId, d => (int?)d.Id, (t, d) => new { d.Id, d.Name })
                .SingleOrDefaultAsync(cancellationToken);
            var department = chosen
                ?? await db.Departments.AsNoTracking().Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => new { d.Id, d.Name }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new InvalidOperationException($"There is no department for complaint type {complaintTypeId} and no {DatabaseSeeder.DefaultDepartment} department to fall back on.");
            return new Referral(department.Id, department.Name, null, null);
        }
    }
}

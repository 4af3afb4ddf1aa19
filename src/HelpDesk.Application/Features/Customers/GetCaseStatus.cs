using HelpDesk.Application.Persistence.Configurations;
using HelpDesk.Application.Persistence.Seeding;

namespace HelpDesk.Application.Features.Customers;

/// <summary>
/// A customer checks a case with its reference number and the email (or phone) given when it was
/// logged. Only the public parts come back: never internal notes, other customers' data or staff
/// surnames. A wrong reference and a wrong contact detail both find nothing, indistinguishably.
/// Each update says what was true when it happened (docs/public-forms.md, "The status page"): the
/// department and person it names are the ones its timeline entry recorded then, not today's.
/// </summary>
public static class GetCaseStatus
{
    public const int ContactMaxLength = 254;

    public sealed record Query(string? Reference, string? Contact) : IQuery<Status?>;

    public sealed record Status(
        string Reference,
        string Subject,
        string StatusInWords,
        DateTimeOffset ReceivedAt,
        DateTimeOffset ExpectedBy,
        string? Department,
        string HandledBy,
        IReadOnlyList<Update> Updates,
        string? Resolution);

    /// <param name="From">A first name or the department: never a surname.</param>
    /// <param name="By">A date the text reads up to (the new response date of an extension), for the page to show in its own words.</param>
    public sealed record Update(DateTimeOffset At, string Text, string From, DateTimeOffset? By = null);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            // A mistyped reference is caught by its check letter before anything is looked up, and the customer is told why.
            RuleFor(q => q.Reference).Custom((reference, context) =>
            {
                var reading = ReferenceNumber.Read(reference);
                if (!reading.IsValid)
                {
                    context.AddFailure(nameof(Query.Reference), reading.Explanation!);
                }
            });
            RuleFor(q => q.Contact).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the email address or phone number you gave us.")
                .MaximumLength(ContactMaxLength).WithMessage($"Keep it to {ContactMaxLength} characters or fewer.");
        }
    }

    internal sealed class Handler(HelpDeskDbContext db) : IQueryHandler<Query, Status?>
    {
        public async ValueTask<Status?> Handle(Query query, CancellationToken cancellationToken)
        {
            var reference = ReferenceNumber.Read(query.Reference).Reference!.Value.ToString();
            var contact = query.Contact!.Trim();
            var email = contact.ToLowerInvariant();
            var digits = new string(contact.Where(char.IsAsciiDigit).ToArray());
            var byPhone = !contact.Contains('@', StringComparison.Ordinal) && digits.Length >= 5;

            // One query whichever part is wrong, so a wrong reference and a wrong email take the same path.
            var found = await db.Complaints.AsNoTracking()
                .Where(c => c.Reference == reference
                    && (byPhone
                        ? EF.Property<string>(c, ComplaintConfiguration.PhoneDigits) == digits
                        : c.Customer.Email != null && c.Customer.Email.ToLower() == email))
                .Select(c => new
                {
                    c.Reference,
                    c.Subject,
                    c.Status,
                    c.ReceivedAt,
                    ExpectedBy = c.ExpectedResponseBy ?? c.ResolveDue,
                    Department = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                    Assignee = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
                    c.ResolutionResponse,
                    // The internal referrals and escalations too, for whom the case was with at each update; never returned.
                    Events = c.Timeline.Where(e => e.VisibleToCustomer || e.Type == TimelineEventType.Acknowledged || e.Type == TimelineEventType.Referred || e.Type == TimelineEventType.Escalated).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                        .Select(e => new Entry(e.OccurredAt, e.Type, e.Summary, e.VisibleToCustomer, e.ActorId, e.ActorName, e.NewInstant, e.DepartmentName, e.AssigneeName))
                        .ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var updates = new List<Update>();
            var (department, assignee) = ((string?)null, (string?)null);
            foreach (var e in found.Events)
            {
                if (PassingTypes.Contains(e.Type))
                {
                    // An old entry whose names migration TimelineFactsAsTheyWere could not read back
                    // from its text can only name who has the case today.
                    (department, assignee) = e.DepartmentName is null ? (found.Department, found.Assignee) : (e.DepartmentName, e.AssigneeName);
                }

                if (e.VisibleToCustomer)
                {
                    var team = department ?? DatabaseSeeder.DefaultDepartment;
                    updates.Add(new Update(
                        e.OccurredAt,
                        InCustomerWords(e, CustomerFacingNames.HandledBy(team, assignee)),
                        e.ActorId is null ? team : CustomerFacingNames.FirstName(e.ActorName),
                        e.Type == TimelineEventType.Extended ? e.NewInstant : null));
                }
            }

            var resolved = found.Status is CaseStatus.Resolved or CaseStatus.Closed;
            return new Status(
                found.Reference,
                found.Subject,
                Describe(found.Status),
                found.ReceivedAt,
                found.ExpectedBy,
                found.Department,
                CustomerFacingNames.HandledBy(found.Department ?? DatabaseSeeder.DefaultDepartment, found.Assignee),
                updates,
                resolved ? found.ResolutionResponse : null);
        }
    }

    /// <summary>The steps that pass the case to a department (and perhaps a person).</summary>
    private static readonly TimelineEventType[] PassingTypes = [TimelineEventType.Acknowledged, TimelineEventType.Referred, TimelineEventType.Escalated];

    private sealed record Entry(DateTimeOffset OccurredAt, TimelineEventType Type, string Summary, bool VisibleToCustomer, string? ActorId, string ActorName, DateTimeOffset? NewInstant, string? DepartmentName, string? AssigneeName);

    /// <summary>The status as a customer would put it.</summary>
    public static string Describe(CaseStatus status) => status switch
    {
        CaseStatus.Logged => "Received",
        CaseStatus.Acknowledged => "Received and acknowledged",
        CaseStatus.InProgress => "Being looked into",
        CaseStatus.WaitingOnCustomer => "Waiting for information from you",
        CaseStatus.Resolved => "Resolved",
        CaseStatus.Closed => "Closed",
        _ => "Being looked into",
    };

    // The timeline's own summaries are written for staff (they name assignees in full); the customer
    // gets its own words. An extension's text reads up to its date, which the page shows (Update.By).
    private static string InCustomerWords(Entry e, string handledBy) => e.Type switch
    {
        TimelineEventType.Logged => "We received your complaint.",
        TimelineEventType.Acknowledged => $"We acknowledged your complaint and passed it to {handledBy}.",
        TimelineEventType.Extended => e.NewInstant is null ? "We need more time to respond." : "We need more time: you can now expect our response by",
        TimelineEventType.ResolvedAtFirstContact or TimelineEventType.Resolved => "We sent you our response.",
        TimelineEventType.Closed => "Your case was closed.",
        TimelineEventType.Reopened => "Your case was reopened.",
        TimelineEventType.CustomerUpdate => e.Summary,
        _ => "Your case was updated.",
    };
}

using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Conversations;

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
        string? Resolution,
        IReadOnlyList<Message> Conversation)
    {
        /// <summary>A closed case takes no more messages: what the customer writes starts a new case that follows it.</summary>
        public bool Closed => StatusInWords == Describe(CaseStatus.Closed);
    }

    /// <param name="FromCustomer">The customer's own message; otherwise a member of staff's reply.</param>
    /// <param name="From">"You", or the writer's first name and their department then: never a surname.</param>
    public sealed record Message(DateTimeOffset At, bool FromCustomer, string From, string Text, string? Refused, IReadOnlyList<File> Files);

    public sealed record File(long Id, string FileName, long Length)
    {
        public string Described => CaseAttachment.Describe(FileName, Length);
    }

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
            // One query whichever part is wrong, so a wrong reference and a wrong email take the same path.
            var found = await db.Complaints.AsNoTracking()
                .Owned(query.Reference, query.Contact)
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
                    Messages = db.CaseMessages.Where(m => m.ComplaintId == c.Id).Where(CaseMessage.ShownToCustomer)
                        .OrderBy(m => m.At).ThenBy(m => m.Id)
                        .Select(m => new
                        {
                            m.At,
                            m.Author,
                            m.FromName,
                            m.Text,
                            m.Refused,
                            Files = m.Attachments.OrderBy(a => a.Id).Select(a => new File(a.Id, a.FileName, a.Length)).ToList(),
                        })
                        .ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var updates = new List<Update>();
            var departments = new List<(DateTimeOffset Since, string Name)>();
            var (department, assignee) = ((string?)null, (string?)null);
            foreach (var e in found.Events)
            {
                if (PassingTypes.Contains(e.Type))
                {
                    // An old entry whose names migration TimelineFactsAsTheyWere could not read back
                    // from its text can only name who has the case today.
                    (department, assignee) = e.DepartmentName is null ? (found.Department, found.Assignee) : (e.DepartmentName, e.AssigneeName);
                    departments.Add((e.OccurredAt, department ?? DatabaseSeeder.DefaultDepartment));
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
                resolved ? found.ResolutionResponse : null,
                [.. found.Messages.Select(m => new Message(
                    m.At,
                    m.Author == MessageAuthor.Customer,
                    m.Author == MessageAuthor.Customer ? "You" : CustomerFacingNames.Byline(DepartmentAt(departments, m.At), m.FromName),
                    m.Text,
                    m.Refused,
                    m.Files))]);
        }

        /// <summary>The department that had the case when a reply was written, as it was named then.</summary>
        private static string DepartmentAt(List<(DateTimeOffset Since, string Name)> departments, DateTimeOffset at) =>
            departments.LastOrDefault(d => d.Since <= at).Name ?? departments.FirstOrDefault().Name ?? DatabaseSeeder.DefaultDepartment;
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
        TimelineEventType.CustomerMessage => "You wrote to us.",
        TimelineEventType.ReplySent => "We replied to you.",
        _ => "Your case was updated.",
    };
}

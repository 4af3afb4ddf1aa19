using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Configurations;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Features.Customers;

/// <summary>
/// A customer checks a case with its reference number and the email (or phone) given when it was
/// logged. Only the public parts come back: never internal notes, other customers' data or staff
/// surnames. A wrong reference and a wrong contact detail both find nothing, indistinguishably.
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
        string? HandledBy,
        IReadOnlyList<Update> Updates,
        string? Resolution);

    /// <param name="From">A first name or the department: never a surname.</param>
    public sealed record Update(DateTimeOffset At, string Text, string From);

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

    internal sealed class Handler(HelpDeskDbContext db, DeskClock clock) : IQueryHandler<Query, Status?>
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
                    Events = c.Timeline.Where(e => e.VisibleToCustomer).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
                        .Select(e => new { e.OccurredAt, e.Type, e.Summary, e.ActorId, e.ActorName, e.NewValue })
                        .ToList(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (found is null)
            {
                return null;
            }

            var team = found.Department ?? DatabaseSeeder.DefaultDepartment;
            var updates = found.Events
                .Select(e => new Update(e.OccurredAt, InCustomerWords(e.Type, e.Summary, e.NewValue, team, clock), e.ActorId is null ? team : FirstName(e.ActorName)))
                .ToList();
            var resolved = found.Status is CaseStatus.Resolved or CaseStatus.Closed;
            return new Status(
                found.Reference,
                found.Subject,
                Describe(found.Status),
                found.ReceivedAt,
                found.ExpectedBy,
                found.Department,
                found.Assignee is null ? null : FirstName(found.Assignee),
                updates,
                resolved ? found.ResolutionResponse : null);
        }
    }

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

    /// <summary>Only a first name reaches the customer; staff surnames stay inside.</summary>
    public static string FirstName(string displayName)
    {
        var trimmed = displayName.Trim();
        var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? trimmed : trimmed[..space];
    }

    // The timeline's own summaries are written for staff (they name assignees in full); the customer gets its own words.
    private static string InCustomerWords(TimelineEventType type, string summary, string? newValue, string team, DeskClock clock) => type switch
    {
        TimelineEventType.Logged => "We received your complaint.",
        TimelineEventType.Acknowledged => $"We acknowledged your complaint and passed it to {team}.",
        TimelineEventType.Extended => DateTimeOffset.TryParse(newValue, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var by)
            ? $"We need more time: you can now expect our response by {clock.ToLocal(by).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}."
            : "We need more time to respond.",
        TimelineEventType.ResolvedAtFirstContact or TimelineEventType.Resolved => "We sent you our response.",
        TimelineEventType.Closed => "Your case was closed.",
        TimelineEventType.Reopened => "Your case was reopened.",
        TimelineEventType.CustomerUpdate => summary,
        _ => "Your case was updated.",
    };
}

using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>
/// The customer's letters and emails for lifecycle steps, filled from the case. Queued messages are
/// added to the handler's DbContext, so they are written by the step's own save or not at all.
/// </summary>
internal static class CaseMessages
{
    /// <summary>
    /// The values every case message shares; <paramref name="referral"/> is who has the case now (none
    /// yet: the desk's default department). Staff are named by <see cref="CustomerFacingNames"/>: first
    /// names only leave the building.
    /// </summary>
    public static Dictionary<string, string?> CaseValues(Complaint complaint, Referral? referral, DeskClock clock)
    {
        var department = referral?.DepartmentName ?? DatabaseSeeder.DefaultDepartment;
        var person = referral?.AssigneeName;
        return new(StringComparer.Ordinal)
        {
            [Placeholders.Reference] = complaint.Reference,
            [Placeholders.CustomerName] = complaint.Customer.Name,
            [Placeholders.Subject] = complaint.Subject,
            [Placeholders.ReceivedOn] = clock.Write(complaint.ReceivedAt, TimeFormat.LongDay),
            [Placeholders.ReferredTo] = CustomerFacingNames.ReferredTo(department, person),
            [Placeholders.HandledBy] = CustomerFacingNames.HandledBy(department, person),
            [Placeholders.SignedBy] = CustomerFacingNames.Signature(department, person),
            [Placeholders.Department] = department,
            [Placeholders.ExpectedBy] = complaint.ExpectedResponseBy is { } by ? clock.Write(by, TimeFormat.LongDay) : null,
        };
    }

    /// <summary>Who has the case now, as names, for the customer's messages.</summary>
    /// <remarks>Read as stored, not re-checked: a person who has since left still signed the work so far.</remarks>
    public static async Task<Referral?> CurrentReferralAsync(this HelpDeskDbContext db, Complaint complaint, CancellationToken cancellationToken)
    {
        if (complaint.DepartmentId is not { } departmentId)
        {
            return null;
        }

        var department = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Name).SingleAsync(cancellationToken);
        var assignee = complaint.AssigneeId is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new Referral(departmentId, department, complaint.AssigneeId, assignee);
    }

    /// <summary>
    /// The customer's email address, or a validation message on <paramref name="field"/>: a step that
    /// says the customer is told by email cannot be recorded for a case with no email to tell them at.
    /// </summary>
    public static string EmailFor(Complaint complaint, string field, string step) =>
        string.IsNullOrWhiteSpace(complaint.Customer.Email)
            ? throw CaseWork.Invalid(field, $"This case has no customer email address, so the {step} cannot go by email: choose another way, or add the customer's email first.")
            : complaint.Customer.Email;

    /// <summary>Renders and queues <paramref name="templateKey"/> to the customer, and notes it on the timeline.</summary>
    public static async Task QueueToCustomerAsync(this MessageOutbox outbox, HelpDeskDbContext db, Complaint complaint, string address, string templateKey, IReadOnlyDictionary<string, string?> values, string what, Actor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await outbox.QueueAsync(db, templateKey, new MessageRecipient(address, complaint.Customer.Name), values, complaint.Id, cancellationToken);
        complaint.RecordMessageQueued($"{what} email queued to the customer", actor, now);
    }

    /// <summary>
    /// A case that reached HelpDesk in writing from an email address (the public form, an email) is
    /// acknowledged at once by the email this queues, so its acknowledgement deadline is met there and
    /// then: referred to <paramref name="referral"/>, the response expected by the resolution deadline.
    /// The case must be saved already (the message names its id).
    /// </summary>
    public static async Task AcknowledgeByEmailAsync(this MessageOutbox outbox, HelpDeskDbContext db, Complaint complaint, Referral referral, Domain.Sla.BusinessCalendar calendar, DeskClock clock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        complaint.Acknowledge(new AcknowledgementDetails(now, AcknowledgementMethod.Email, referral, complaint.ResolveDue), calendar, Actor.System, now);
        await outbox.QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient(complaint.Customer.Email!, complaint.Customer.Name),
            CaseValues(complaint, referral, clock), complaint.Id, cancellationToken);
    }
}

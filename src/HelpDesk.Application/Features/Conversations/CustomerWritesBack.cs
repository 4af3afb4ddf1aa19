using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Conversations;

/// <summary>Where a customer's message landed: its own case, or the new case that follows a closed one.</summary>
public sealed record CustomerMessageLanding(CustomerMessageEffect Effect, Complaint Case);

/// <summary>
/// The one path a customer's message takes into its case, however it came (an email, the status
/// page; docs/email.md, "What a customer's message does"): a case waiting on the customer resumes, a
/// resolved one is reopened, a closed one gets a new case that follows it, any other simply records
/// it; then the case's assignee, else its department's supervisor, is told by email. What the
/// message is made of and how a new case is logged are the caller's: an email brings its mailbox
/// and headers, the status page its form.
/// </summary>
public sealed class CustomerWritesBack(HelpDeskDbContext db, SlaPolicy sla, MessageOutbox outbox, IOptions<HelpDeskOptions> desk)
{
    /// <param name="logFollowOnCase">Logs (and saves) the new case for a message on the closed case it is given, keeping the message on it.</param>
    /// <param name="keepMessage">Adds the message to the case it is given, in the caller's save.</param>
    public async Task<CustomerMessageLanding> ReceiveAsync(
        Complaint complaint,
        MessageChannel channel,
        DateTimeOffset arrivedAt,
        DateTimeOffset now,
        Func<Complaint, Task<Complaint>> logFollowOnCase,
        Action<Complaint> keepMessage,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        ArgumentNullException.ThrowIfNull(logFollowOnCase);
        ArgumentNullException.ThrowIfNull(keepMessage);
        var calendar = await sla.CalendarNamedAsync(complaint.Deadlines.CalendarName, cancellationToken);
        var effect = complaint.ReceiveFromCustomer(HowWritten(channel), arrivedAt, calendar, now);
        var landed = complaint;
        if (effect == CustomerMessageEffect.FollowOnCaseNeeded)
        {
            landed = await logFollowOnCase(complaint);
            complaint.NoteFollowOnCase(landed.Reference, now);
        }
        else
        {
            keepMessage(complaint);
        }

        await TellOwnerAsync(landed, Telling(effect, complaint.Reference), cancellationToken);
        return new CustomerMessageLanding(effect, landed);
    }

    /// <summary>How the timeline says the customer wrote: "The customer wrote by email".</summary>
    public static string HowWritten(MessageChannel channel) => channel switch
    {
        MessageChannel.Email => "by email",
        MessageChannel.StatusPage => "on the status page",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "A customer writes by email or on the status page."),
    };

    private static string Telling(CustomerMessageEffect effect, string reference) => effect switch
    {
        CustomerMessageEffect.Resumed => "The case was waiting on the customer and has resumed.",
        CustomerMessageEffect.Reopened => "The case was resolved and has been reopened.",
        CustomerMessageEffect.FollowOnCaseNeeded => $"{reference} was closed, so this new case follows it.",
        _ => "Nothing else changed.",
    };

    /// <summary>The assignee, else the supervisor of the case's department; nobody when neither is an active member of staff.</summary>
    private async Task TellOwnerAsync(Complaint complaint, string effect, CancellationToken cancellationToken)
    {
        var ownerId = complaint.AssigneeId
            ?? await db.Departments.AsNoTracking().Where(d => d.Id == complaint.DepartmentId).Select(d => d.SupervisorId).FirstOrDefaultAsync(cancellationToken);
        var owner = ownerId is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == ownerId && u.IsActive && u.Email != null).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return;
        }

        await outbox.QueueAsync(db, TemplateKeys.CustomerMessageNotice, new MessageRecipient(owner.Email!, owner.DisplayName), new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Placeholders.StaffName] = owner.DisplayName,
            [Placeholders.Reference] = complaint.Reference,
            [Placeholders.Subject] = complaint.Subject,
            [Placeholders.Effect] = effect,
            [Placeholders.CaseLink] = desk.Value.CaseLink(complaint.Reference),
        }, complaint.Id, cancellationToken);
    }
}

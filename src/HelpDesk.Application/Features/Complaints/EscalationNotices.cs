using System.Globalization;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Domain;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>
/// Every escalation notifies the new owner (docs/product.md, the lifecycle; docs/sweeper.md). The Escalation email, queued in the caller's
/// DbContext so it is written by the escalation's own save or not at all; used by the escalate step
/// and by the deadline sweep.
/// </summary>
internal static class EscalationNotices
{
    public static Task QueueEscalationNoticeAsync(this MessageOutbox outbox, HelpDeskDbContext db, Complaint complaint, string ownerName, string ownerEmail, string reason, string escalatedBy, DeskClock clock, HelpDeskOptions links, CancellationToken cancellationToken) =>
        outbox.QueueAsync(db, TemplateKeys.EscalationNotice, new MessageRecipient(ownerEmail, ownerName), new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Placeholders.StaffName] = ownerName,
            [Placeholders.Reference] = complaint.Reference,
            [Placeholders.Subject] = complaint.Subject,
            [Placeholders.Tier] = string.Create(CultureInfo.InvariantCulture, $"tier {complaint.EscalationTier}"),
            [Placeholders.Reason] = reason,
            [Placeholders.EscalatedBy] = escalatedBy,
            [Placeholders.DueAt] = clock.Write(complaint.Deadlines.Resolution.Due, TimeFormat.MomentInText),
            [Placeholders.CaseLink] = links.CaseLink(complaint.Reference),
        }, complaint.Id, cancellationToken);
}

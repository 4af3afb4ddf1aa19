using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Sla;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Features.Deadlines;

// The sweep's second part: the assignee of a running deadline due within SweeperOptions.WarningWindow
// of business time is warned once per due instant, while the deadline's calendar is open.
public sealed partial class DeadlineSweep
{
    private async Task<WarningBatch> WarnDueSoonAsync(IServiceProvider services, HelpDeskDbContext db, DeadlineKind kind, DateTimeOffset now, (DateTimeOffset Due, long Id) after, CancellationToken cancellationToken)
    {
        // Business time runs only while a calendar is open: a deadline on a closed calendar is warned
        // about at its next opening, not at midnight or on a Sunday.
        var sla = services.GetRequiredService<SlaPolicy>();
        var openCalendars = (await sla.CalendarsAsync(cancellationToken)).Values.Where(c => c.IsOpenAt(now)).ToList();
        if (openCalendars.Count == 0)
        {
            return default;
        }

        var warnUpTo = openCalendars.ToDictionary(c => c.Name, c => c.AddBusinessTime(now, options.Value.WarningWindow), StringComparer.Ordinal);
        var upTo = warnUpTo.Values.Max();
        var batch = options.Value.BatchSize;
        FormattableString dueSoon = kind switch
        {
            DeadlineKind.Acknowledgement => $"""
                SELECT id AS "Value" FROM complaints
                WHERE status <> 'Closed' AND acknowledged_at IS NULL AND acknowledgement_breached_at IS NULL AND assignee_id IS NOT NULL
                  AND (acknowledge_due, id) > ({after.Due}, {after.Id}) AND acknowledge_due <= {upTo}
                  AND acknowledgement_warned_for IS DISTINCT FROM acknowledge_due
                ORDER BY acknowledge_due, id LIMIT {batch} FOR UPDATE SKIP LOCKED
                """,
            DeadlineKind.Resolution => $"""
                SELECT id AS "Value" FROM complaints
                WHERE status <> 'Closed' AND resolved_at IS NULL AND NOT resolution_paused AND resolution_breached_at IS NULL AND assignee_id IS NOT NULL
                  AND (resolve_due, id) > ({after.Due}, {after.Id}) AND resolve_due <= {upTo}
                  AND resolution_warned_for IS DISTINCT FROM resolve_due
                ORDER BY resolve_due, id LIMIT {batch} FOR UPDATE SKIP LOCKED
                """,
            _ => $"""
                SELECT id AS "Value" FROM complaints
                WHERE status <> 'Closed' AND follow_up_due IS NOT NULL AND followed_up_at IS NULL AND follow_up_breached_at IS NULL AND assignee_id IS NOT NULL
                  AND (follow_up_due, id) > ({after.Due}, {after.Id}) AND follow_up_due <= {upTo}
                  AND follow_up_warned_for IS DISTINCT FROM follow_up_due
                ORDER BY follow_up_due, id LIMIT {batch} FOR UPDATE SKIP LOCKED
                """,
        };
        var ids = await db.Database.SqlQuery<long>(dueSoon).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return default;
        }

        var cases = await db.Complaints.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        var assigneeIds = cases.Select(c => c.AssigneeId).Distinct().ToList();
        var assignees = await db.Users.AsNoTracking()
            .Where(u => assigneeIds.Contains(u.Id) && u.IsActive && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => new { u.DisplayName, Email = u.Email! }, cancellationToken);
        var outbox = services.GetRequiredService<MessageOutbox>();
        var clock = services.GetRequiredService<DeskClock>();
        var warned = 0;
        (DateTimeOffset Due, long Id)? last = null;
        foreach (var complaint in cases.OrderBy(c => DueOf(c, kind)).ThenBy(c => c.Id))
        {
            last = (DueOf(complaint, kind), complaint.Id);
            // The plain columns are copied from the deadlines; should a row disagree, it is skipped, never allowed to stop the sweep.
            var clockOfKind = complaint.Deadlines.Clocks.FirstOrDefault(c => c.Kind == kind);
            if (clockOfKind is null
                || !warnUpTo.TryGetValue(clockOfKind.CalendarName, out var until)
                || !complaint.NeedsDueSoonWarning(kind, now, until)
                || !assignees.TryGetValue(complaint.AssigneeId!, out var assignee))
            {
                continue;
            }

            try
            {
                await outbox.QueueAsync(db, TemplateKeys.DueSoonNotice, new MessageRecipient(assignee.Email, assignee.DisplayName), new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    [Placeholders.StaffName] = assignee.DisplayName,
                    [Placeholders.Reference] = complaint.Reference,
                    [Placeholders.Subject] = complaint.Subject,
                    [Placeholders.Deadline] = Complaint.DeadlineName(kind).ToLowerInvariant(),
                    [Placeholders.DueAt] = clock.Write(clockOfKind.Due, TimeFormat.MomentInText),
                    [Placeholders.CaseLink] = desk.Value.CaseLink(complaint.Reference),
                }, complaint.Id, cancellationToken);
            }
            catch (DomainRuleException)
            {
                LogNotNotified(logger, complaint.Reference);
                continue;
            }

            complaint.RecordDueSoonWarning(kind, assignee.DisplayName, now);
            warned++;
        }

        return new WarningBatch(ids.Count, warned, last);
    }

    private static DateTimeOffset DueOf(Complaint complaint, DeadlineKind kind) => kind switch
    {
        DeadlineKind.Acknowledgement => complaint.AcknowledgeDue,
        DeadlineKind.Resolution => complaint.ResolveDue,
        _ => complaint.FollowUpDue!.Value,
    };

    private readonly record struct WarningBatch(int Read, int Warned, (DateTimeOffset Due, long Id)? Last);
}

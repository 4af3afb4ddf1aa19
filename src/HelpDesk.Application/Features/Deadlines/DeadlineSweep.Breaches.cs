using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain;
using HelpDesk.Domain.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Application.Features.Deadlines;

// The sweep's first part: every running deadline that has passed is marked breached once, and a
// breached resolution is escalated one tier to the owner BreachOwners chooses, who is emailed.
public sealed partial class DeadlineSweep
{
    private async Task<BreachBatch> MarkBreachesAsync(IServiceProvider services, HelpDeskDbContext db, DeadlineKind kind, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        FormattableString passed = kind switch
        {
            DeadlineKind.Acknowledgement => $"""
                SELECT id AS "Value" FROM complaints
                WHERE status <> 'Closed' AND acknowledged_at IS NULL AND acknowledgement_breached_at IS NULL AND acknowledge_due < {now}
                ORDER BY acknowledge_due, id LIMIT {batch} FOR UPDATE SKIP LOCKED
                """,
            DeadlineKind.Resolution => $"""
                SELECT id AS "Value" FROM complaints
                WHERE status <> 'Closed' AND resolved_at IS NULL AND NOT resolution_paused AND resolution_breached_at IS NULL AND resolve_due < {now}
                ORDER BY resolve_due, id LIMIT {batch} FOR UPDATE SKIP LOCKED
                """,
            _ => $"""
                SELECT id AS "Value" FROM complaints
                WHERE status <> 'Closed' AND follow_up_due IS NOT NULL AND followed_up_at IS NULL AND follow_up_breached_at IS NULL AND follow_up_due < {now}
                ORDER BY follow_up_due, id LIMIT {batch} FOR UPDATE SKIP LOCKED
                """,
        };
        var ids = await db.Database.SqlQuery<long>(passed).ToListAsync(cancellationToken);
        if (ids.Count == 0)
        {
            return default;
        }

        var cases = await db.Complaints.Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        // A case swept for one deadline has all its passed deadlines marked at once; a resolution
        // marked now is escalated now, which is what makes one breach escalate once.
        var breached = 0;
        var toEscalate = new List<Complaint>();
        foreach (var complaint in cases)
        {
            var marked = complaint.MarkBreaches(now);
            breached += marked.Count;
            if (marked.Contains(DeadlineKind.Resolution) && complaint.EscalationTier < Complaint.HighestTier)
            {
                toEscalate.Add(complaint);
            }
        }

        var escalated = 0;
        if (toEscalate.Count > 0)
        {
            var owners = await ReadBreachOwnersAsync(db, toEscalate, cancellationToken);
            var outbox = services.GetRequiredService<MessageOutbox>();
            var clock = services.GetRequiredService<DeskClock>();
            foreach (var complaint in toEscalate)
            {
                if (await EscalateAsync(db, outbox, clock, owners, complaint, now, cancellationToken))
                {
                    escalated++;
                }
            }
        }

        return new BreachBatch(ids.Count, breached, escalated);
    }

    private async Task<bool> EscalateAsync(HelpDeskDbContext db, MessageOutbox outbox, DeskClock clock, BreachOwners owners, Complaint complaint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owner = owners.NextTierOwner(complaint);
        if (owner is null)
        {
            LogNoOwner(logger, complaint.Reference, complaint.EscalationTier + 1);
            return false;
        }

        if (!complaint.EscalateForBreach(owner.Referral, owners.Describe(complaint), now))
        {
            return false;
        }

        var due = clock.Write(complaint.Deadlines.Resolution.Due, TimeFormat.MomentInText);
        try
        {
            await outbox.QueueEscalationNoticeAsync(db, complaint, owner.Referral.AssigneeName!, owner.Email,
                $"the resolution deadline passed at {due} without a response to the customer", $"{Actor.System.DisplayName}, automatically",
                clock, desk.Value, cancellationToken);
        }
        catch (DomainRuleException)
        {
            // An address the outbox refuses must not hold up every other case in the batch, sweep after sweep.
            LogNotNotified(logger, complaint.Reference);
        }
        return true;
    }

    /// <summary>Reads what <see cref="BreachOwners"/> chooses from: the supervisors and administrators who can take a case, and the names it describes.</summary>
    private static async Task<BreachOwners> ReadBreachOwnersAsync(HelpDeskDbContext db, IReadOnlyCollection<Complaint> cases, CancellationToken cancellationToken)
    {
        var staff = await (
            from user in db.Users.AsNoTracking()
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where user.IsActive && user.Email != null && (role.Name == StaffRoles.Supervisor || role.Name == StaffRoles.Administrator)
            select new { user.Id, user.DisplayName, Email = user.Email!, user.DepartmentId, Role = role.Name! }).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var assigneeIds = cases.Select(c => c.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => assigneeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        int? fallback = departments.FirstOrDefault(d => d.Value == DatabaseSeeder.DefaultDepartment).Key is var id and > 0 ? id : null;
        var candidates = staff.Select(s => new BreachOwners.Candidate(s.Id, s.DisplayName, s.Email, s.DepartmentId,
            s.Role == StaffRoles.Administrator ? EscalationLevel.SeniorManagement : EscalationLevel.TeamLead));
        return new BreachOwners(candidates, departments, names, fallback);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Reference} breached its resolution deadline, but no active member of staff can take it at tier {Tier}: it is marked breached and left with its owner.")]
    private static partial void LogNoOwner(ILogger logger, string reference, int tier);

    private readonly record struct BreachBatch(int Read, int Breached, int Escalated);
}

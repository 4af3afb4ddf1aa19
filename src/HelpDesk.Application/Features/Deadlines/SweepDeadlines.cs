using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Deadlines;

/// <summary>What one sweep did; <see cref="Swept"/> is false when another instance held the sweep.</summary>
public sealed record SweepResult(bool Swept, int Breached, int Escalated, int Warned)
{
    public static readonly SweepResult Skipped = new(false, 0, 0, 0);

    public bool DidAnything => Breached + Escalated + Warned > 0;
}

/// <summary>
/// One pass of the deadline sweep: mark every running deadline that has passed, escalate breached
/// resolutions one tier and tell the new owner, then warn owners of deadlines due within
/// <see cref="SweeperOptions.WarningWindow"/> while the deadline's calendar is open.
/// </summary>
/// <remarks>
/// <para>Work goes in batches, one transaction each: the marks on the cases, their timeline entries and
/// the queued emails commit together or not at all, so a sweeper that dies mid-batch leaves nothing
/// half done, and one that restarts finds the marks and does not repeat a notification.</para>
/// <para>Every batch first takes a transaction-scoped advisory lock with <c>pg_try_advisory_xact_lock</c>:
/// with several app instances on one database, only one sweeps at a time and the others skip their
/// pass. Rows are read <c>FOR UPDATE SKIP LOCKED</c>, so a case a member of staff is saving right now
/// is left for the next pass instead of making either side wait.</para>
/// </remarks>
public sealed partial class DeadlineSweep(IServiceScopeFactory scopes, TimeProvider time, IOptions<SweeperOptions> options, IOptions<HelpDeskOptions> desk, ILogger<DeadlineSweep> logger)
{
    /// <summary>The advisory lock key all instances share for the sweep ("HDSWEEP" in ASCII).</summary>
    public const long SweepLock = 0x48_44_53_57_45_45_50;

    private static readonly DeadlineKind[] Kinds = [DeadlineKind.Acknowledgement, DeadlineKind.Resolution, DeadlineKind.FollowUp];

    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (breached, escalated) = (0, 0);
        foreach (var kind in Kinds)
        {
            while (true)
            {
                var batch = await InBatchAsync((services, db, ct) => MarkBreachesAsync(services, db, kind, now, ct), cancellationToken);
                if (batch is null)
                {
                    return breached + escalated == 0 ? SweepResult.Skipped : new SweepResult(true, breached, escalated, 0);
                }

                breached += batch.Value.Breached;
                escalated += batch.Value.Escalated;

                // A short batch is the last; a full one that marked nothing would only read the same rows again.
                if (batch.Value.Read < options.Value.BatchSize || batch.Value.Breached == 0)
                {
                    break;
                }
            }
        }

        var warned = 0;
        foreach (var kind in Kinds)
        {
            var after = (Due: now, Id: 0L);
            while (true)
            {
                var batch = await InBatchAsync((services, db, ct) => WarnDueSoonAsync(services, db, kind, now, after, ct), cancellationToken);
                if (batch is null)
                {
                    return new SweepResult(true, breached, escalated, warned);
                }

                warned += batch.Value.Warned;
                if (batch.Value.Last is not { } last || batch.Value.Read < options.Value.BatchSize)
                {
                    break;
                }

                after = last;
            }
        }

        return new SweepResult(true, breached, escalated, warned);
    }

    /// <summary>Runs <paramref name="work"/> in its own scope and transaction under the sweep lock; null when another instance holds it.</summary>
    private async Task<T?> InBatchAsync<T>(Func<IServiceProvider, HelpDeskDbContext, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        where T : struct
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A retried batch starts again from the database, dropping whatever the failed try added.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({SweepLock}) AS \"Value\"").SingleAsync(cancellationToken);
            if (!locked)
            {
                return (T?)null;
            }

            var result = await work(scope.ServiceProvider, db, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

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
            var owners = await BreachOwners.ReadAsync(db, toEscalate, cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Reference}: the owner's email address was refused by the outbox, so they were not emailed.")]
    private static partial void LogNotNotified(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Reference} breached its resolution deadline, but no active member of staff can take it at tier {Tier}: it is marked breached and left with its owner.")]
    private static partial void LogNoOwner(ILogger logger, string reference, int tier);

    private readonly record struct BreachBatch(int Read, int Breached, int Escalated);

    private readonly record struct WarningBatch(int Read, int Warned, (DateTimeOffset Due, long Id)? Last);
}

/// <summary>
/// Who takes a breached case at the next tier: at tier 2 a team lead (a supervisor), at tier 3 senior
/// management (an administrator); the case's own department first, then anyone in that role, then the
/// other role; never the person who has it now. Ties go by name, so the choice is repeatable.
/// </summary>
internal sealed class BreachOwners
{
    private readonly List<Candidate> _staff;
    private readonly Dictionary<int, string> _departments;
    private readonly Dictionary<string, string> _names;
    private readonly int? _fallbackDepartment;

    private BreachOwners(List<Candidate> staff, Dictionary<int, string> departments, Dictionary<string, string> names, int? fallbackDepartment)
    {
        _staff = staff;
        _departments = departments;
        _names = names;
        _fallbackDepartment = fallbackDepartment;
    }

    public static async Task<BreachOwners> ReadAsync(HelpDeskDbContext db, IReadOnlyCollection<Complaint> cases, CancellationToken cancellationToken)
    {
        var staff = await (
            from user in db.Users.AsNoTracking()
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where user.IsActive && user.Email != null && (role.Name == StaffRoles.Supervisor || role.Name == StaffRoles.Administrator)
            select new Candidate(user.Id, user.DisplayName, user.Email!, user.DepartmentId, role.Name!)).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var assigneeIds = cases.Select(c => c.AssigneeId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => assigneeIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        int? fallback = departments.FirstOrDefault(d => d.Value == DatabaseSeeder.DefaultDepartment).Key is var id and > 0 ? id : null;
        return new BreachOwners(staff, departments, names, fallback);
    }

    public Owner? NextTierOwner(Complaint complaint)
    {
        var wanted = complaint.EscalationTier + 1 >= Complaint.HighestTier ? StaffRoles.Administrator : StaffRoles.Supervisor;
        var candidate = _staff
            .Where(s => s.Id != complaint.AssigneeId)
            .OrderBy(s => s.Role == wanted ? 0 : 1)
            .ThenBy(s => s.DepartmentId == complaint.DepartmentId ? 0 : 1)
            .ThenBy(s => s.DisplayName, StringComparer.Ordinal)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (candidate is null)
        {
            return null;
        }

        // The new owner's own department takes the case; one with none leaves it where it is.
        var departmentId = candidate.DepartmentId ?? complaint.DepartmentId ?? _fallbackDepartment;
        if (departmentId is null)
        {
            return null;
        }

        return new Owner(new Referral(departmentId.Value, _departments[departmentId.Value], candidate.Id, candidate.DisplayName), candidate.Email);
    }

    /// <summary>Who has the case now, in words, for the timeline's "from" value.</summary>
    public string Describe(Complaint complaint)
    {
        var department = complaint.DepartmentId is { } id && _departments.TryGetValue(id, out var name) ? name : null;
        var assignee = complaint.AssigneeId is { } userId && _names.TryGetValue(userId, out var person) ? person : null;
        return (department, assignee) switch
        {
            (null, null) => "Unassigned",
            (null, { } a) => a,
            ({ } d, null) => d,
            ({ } d, { } a) => $"{a} ({d})",
        };
    }

    public sealed record Owner(Referral Referral, string Email);

    private sealed record Candidate(string Id, string DisplayName, string Email, int? DepartmentId, string Role);
}

using System.Linq.Expressions;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Domain.Administration;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Administration;

/// <summary>
/// "Also apply to open cases": after an edit to the SLA table or a calendar, the open cases it touches
/// get their open deadlines worked out again from received-at with the row now in force, and each
/// case's timeline names the configuration change that caused it.
/// </summary>
/// <remarks>
/// Cases are read and saved in batches of <see cref="BatchSize"/>, each batch its own SaveChanges (its
/// own transaction), so a desk with millions of open cases never holds one giant transaction or loads
/// every case at once. The edit itself and its audit record are already committed by then; a batch
/// that fails leaves the earlier batches recomputed and the audit record saying how many were done.
/// </remarks>
internal static class OpenCaseRecomputation
{
    public const int BatchSize = 500;

    private const int MaxConflictRetries = 5;

    /// <summary>
    /// Saves an edit to the SLA table or a calendar with its audit record <paramref name="change"/> and,
    /// when the administrator asked, applies it to the open cases <paramref name="touches"/> picks in the
    /// table as it is after the edit. Returns how many cases were recomputed (none unless applied).
    /// </summary>
    public static async Task<int> SaveAsync(
        HelpDeskDbContext db,
        SlaPolicy sla,
        ConfigurationChange change,
        bool applyToOpenCases,
        Func<SlaTable, Func<int, Priority, bool>> touches,
        ICurrentUser currentUser,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (applyToOpenCases)
        {
            // Saved with the edit, so the record says it was asked for even if a batch then fails.
            change.RecordAppliedToOpenCases(0);
        }

        db.ConfigurationChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        if (!applyToOpenCases)
        {
            return 0;
        }

        var after = await sla.CurrentTableAsync(cancellationToken);
        return await RunAsync(db, after, touches(after), change, currentUser.Actor, time.GetUtcNow(), cancellationToken);
    }

    /// <summary>
    /// Recomputes the open cases whose type and priority satisfy <paramref name="touches"/> (asked once per
    /// complaint type and priority, not per case), and records the count on <paramref name="change"/>.
    /// </summary>
    public static async Task<int> RunAsync(
        HelpDeskDbContext db,
        SlaTable table,
        Func<int, Priority, bool> touches,
        ConfigurationChange change,
        Actor actor,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // Retired types too: the open cases that still have them keep their deadlines running.
        var typeIds = await db.ComplaintTypes.AsNoTracking().Select(t => t.Id).ToListAsync(cancellationToken);
        var filter = CasesOf(Enum.GetValues<Priority>().ToDictionary(p => p, p => typeIds.Where(id => touches(id, p)).ToList()));
        var reason = $"configuration change #{change.Id} by {actor.DisplayName}: {change.Action.ToLowerInvariant()} {change.Subject}, applied to open cases";

        db.ChangeTracker.Clear();
        var recomputed = 0;
        var after = 0L;
        var conflicts = 0;
        while (true)
        {
            var batch = await db.Complaints
                .Where(c => c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed)
                .Where(filter)
                .Where(c => c.Id > after)
                .OrderBy(c => c.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var complaint in batch)
            {
                complaint.RecomputeDeadlines(table.RowFor(complaint.ComplaintTypeId, complaint.Priority), actor, now, reason);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (++conflicts <= MaxConflictRetries)
            {
                // Staff changed one of these cases meanwhile: read the batch again and recompute it from what they saved.
                db.ChangeTracker.Clear();
                continue;
            }

            db.ChangeTracker.Clear();
            recomputed += batch.Count;
            after = batch[^1].Id;
        }

        db.ConfigurationChanges.Attach(change);
        change.RecordAppliedToOpenCases(recomputed);
        await db.SaveChangesAsync(cancellationToken);
        return recomputed;
    }

    /// <summary>Cases whose (priority, type) pair is listed: one IN list per priority, so the database filters, not the app.</summary>
    private static Expression<Func<Complaint, bool>> CasesOf(Dictionary<Priority, List<int>> types)
    {
        var low = types[Priority.Low];
        var normal = types[Priority.Normal];
        var high = types[Priority.High];
        var critical = types[Priority.Critical];
        return c => (c.Priority == Priority.Low && low.Contains(c.ComplaintTypeId))
            || (c.Priority == Priority.Normal && normal.Contains(c.ComplaintTypeId))
            || (c.Priority == Priority.High && high.Contains(c.ComplaintTypeId))
            || (c.Priority == Priority.Critical && critical.Contains(c.ComplaintTypeId));
    }
}

using HelpDesk.Domain.Sla;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {Reference}: the owner's email address was refused by the outbox, so they were not emailed.")]
    private static partial void LogNotNotified(ILogger logger, string reference);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace HelpDesk.Application.Persistence;

/// <summary>
/// The KPI totals: every case's KPI figures summed per local day it was received, department,
/// channel and complaint type (<c>kpi_daily_totals</c>), and every resolution's per local day
/// recorded, member of staff who recorded it and department it was for (<c>kpi_daily_resolutions</c>,
/// for agent performance, from <c>case_resolutions</c>), so a
/// quarter reads thousands of rows of sums instead of every case in it. docs/kpis.md, "How the
/// figures are kept".
/// </summary>
/// <remarks>
/// <para>Triggers on <c>complaints</c>, <c>case_resolutions</c> and <c>survey_responses</c> (Persistence/Sql/KpiTriggers.sql) write each change
/// as rows of differences (<c>kpi_daily_changes</c>, <c>kpi_daily_resolution_changes</c>: the case as it was, taken
/// away; the case as it is, added) in the writer's own transaction: the totals plus the differences always equal what is
/// committed, with no lock shared between writers. <see cref="FoldAsync"/> moves the differences into
/// the totals.</para>
/// <para>The days are the desk's (<see cref="HelpDeskOptions.TimeZone"/>), which only the app knows:
/// <see cref="EnsureBuiltAsync"/> writes the zone and counts every case afresh when the zone is new
/// or has changed. Until then the triggers write nothing and <see cref="AreCurrentAsync"/> is false,
/// so the KPIs read the cases themselves.</para>
/// </remarks>
public sealed class KpiTotals(HelpDeskDbContext db, DeskClock clock)
{
    /// <summary>One instance builds or folds at a time.</summary>
    public const long TotalsLock = 0x48_44_4B_50_49_54;

    /// <summary>Whether the totals are kept, and kept in this desk's time zone.</summary>
    public async Task<bool> AreCurrentAsync(CancellationToken cancellationToken = default)
    {
        var zone = await db.Database.SqlQuery<string>($"SELECT zone AS \"Value\" FROM kpi_totals_state").FirstOrDefaultAsync(cancellationToken);
        return zone == clock.Zone.Id;
    }

    /// <summary>
    /// A period split where the totals can take over, as parameters prefixed with <paramref name="p"/>:
    /// <c>from</c>, <c>to</c>, its whole local days <c>first_day</c> (inclusive) to <c>end_day</c>
    /// (exclusive), and the instants they start and end at, <c>whole_from</c> and <c>whole_to</c>. A
    /// period within one day has none, and every case in it is read itself.
    /// </summary>
    public IEnumerable<NpgsqlParameter> PeriodParameters(string p, DateTimeOffset from, DateTimeOffset to)
    {
        var firstDay = DateOnly.FromDateTime(clock.ToLocal(from));
        if (StartOf(firstDay) < from)
        {
            firstDay = firstDay.AddDays(1);
        }

        var endDay = DateOnly.FromDateTime(clock.ToLocal(to));
        var (wholeFrom, wholeTo) = endDay > firstDay ? (StartOf(firstDay), StartOf(endDay)) : (to, to);
        if (endDay <= firstDay)
        {
            firstDay = endDay;
        }

        yield return new NpgsqlParameter(p + "from", NpgsqlDbType.TimestampTz) { Value = from };
        yield return new NpgsqlParameter(p + "to", NpgsqlDbType.TimestampTz) { Value = to };
        yield return new NpgsqlParameter(p + "whole_from", NpgsqlDbType.TimestampTz) { Value = wholeFrom };
        yield return new NpgsqlParameter(p + "whole_to", NpgsqlDbType.TimestampTz) { Value = wholeTo };
        yield return new NpgsqlParameter(p + "first_day", NpgsqlDbType.Date) { Value = firstDay };
        yield return new NpgsqlParameter(p + "end_day", NpgsqlDbType.Date) { Value = endDay };
    }

    private DateTimeOffset StartOf(DateOnly day) => clock.ToInstant(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>
    /// Counts every case afresh when the totals are not kept yet or were kept in another zone; true
    /// when it did. Writers wait for the count (a share lock on the two tables), readers do not.
    /// </summary>
    public async Task<bool> EnsureBuiltAsync(CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({TotalsLock})", cancellationToken);
            if (await AreCurrentAsync(cancellationToken))
            {
                return false;
            }

            await db.Database.ExecuteSqlRawAsync("LOCK TABLE complaints, case_resolutions, survey_responses IN SHARE MODE", cancellationToken);
            var zone = clock.Zone.Id;
            var now = clock.UtcNow;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO kpi_totals_state (zone, built_at) VALUES ({zone}, {now})
                ON CONFLICT (singleton) DO UPDATE SET zone = excluded.zone, built_at = excluded.built_at
                """, cancellationToken);
            // Every case is read once: seconds for a million, longer than a request's timeout.
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync("SELECT kpi_totals_rebuild()", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>
    /// Folds the committed differences into the totals; returns how many difference rows it folded,
    /// or null when another instance is folding.
    /// </summary>
    public async Task<int?> FoldAsync(CancellationToken cancellationToken = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({TotalsLock}) AS \"Value\"").SingleAsync(cancellationToken);
            if (!locked)
            {
                return (int?)null;
            }

            var folded = await db.Database.SqlQuery<int>($"SELECT kpi_totals_fold() AS \"Value\"").SingleAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return folded;
        });
    }
}

/// <summary>
/// Builds the KPI totals when the app starts (if the zone is new) and folds the differences into them
/// every <see cref="Interval"/>, in every instance (the fold's lock lets one through at a time).
/// </summary>
public sealed partial class KpiTotalsKeeper(IServiceScopeFactory scopes, TimeProvider time, ILogger<KpiTotalsKeeper> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var totals = scope.ServiceProvider.GetRequiredService<KpiTotals>();
                if (await totals.EnsureBuiltAsync(stoppingToken))
                {
                    LogBuilt(logger);
                }

                await totals.FoldAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The differences stay where they are and are folded next time; the KPIs add them in meanwhile.
                LogFoldFailed(logger, e);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KPI totals counted afresh from every case (new database or a changed HelpDesk:TimeZone).")]
    private static partial void LogBuilt(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Folding the KPI differences into the totals failed; the keeper tries again after its interval.")]
    private static partial void LogFoldFailed(ILogger logger, Exception exception);
}

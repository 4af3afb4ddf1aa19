using HelpDesk.Application.Common;
using HelpDesk.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Respawn;
using Xunit;

namespace HelpDesk.Testing;

/// <summary>
/// A migrated database of this test assembly's own, and a reset to an empty schema (Respawn, keeping
/// the migration history) that each test calls first.
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    private Respawner? _respawner;

    public PostgresServer Server { get; private set; } = null!;
    protected DatabaseFixture()
    {
        // Named after the test assembly (the derived fixture's), so assemblies running at once never share data.
        var assembly = GetType().Assembly.GetName().Name!.Replace("HelpDesk.", "", StringComparison.Ordinal).Replace(".", "_", StringComparison.Ordinal);
        DatabaseName = $"helpdesk_{assembly.ToLowerInvariant()}_{Environment.ProcessId}";
    }

    public string DatabaseName { get; }
    public string ConnectionString { get; private set; } = "";

    public virtual async Task InitializeAsync()
    {
        Server = await PostgresServer.GetAsync();
        ConnectionString = await Server.CreateDatabaseAsync(DatabaseName);
        await using (var db = CreateDbContext())
        {
            await db.Database.MigrateAsync();

            // Kept in the desk's default zone (Europe/London) as the app keeps them, so every test that
            // reads KPIs reads them from the totals the triggers keep.
            var clock = new DeskClock(TimeProvider.System, Options.Create(new HelpDeskOptions()));
            await new KpiTotals(db, clock).EnsureBuiltAsync();
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = [.. KeptByTheHost, .. KeptByTheKpiTriggers],
            WithReseed = true,
        });
    }

    /// <summary>
    /// Left alone by the reset: the migration history, and the Data Protection keys, which are the
    /// hosts' own, cached in memory (wiping them would leave a running host signing cookies with a key
    /// no other instance can find).
    /// </summary>
    public static readonly IReadOnlyList<string> KeptByTheHost = ["__EFMigrationsHistory", "data_protection_keys"];

    /// <summary>
    /// Left to the KPI triggers (docs/kpis.md, "How the figures are kept"): the zone the totals are kept
    /// in, and both totals with their tables of differences.
    /// </summary>
    /// <remarks>
    /// <para>Respawn empties every other table with one <c>TRUNCATE ... CASCADE</c>. The triggers after a
    /// TRUNCATE of <c>complaints</c>, <c>case_resolutions</c> or <c>survey_responses</c> (all three are
    /// ordinary tables and are emptied) count the totals afresh from what is left, nothing, so the four
    /// tables below end the reset empty by the app's own path, and the zone stays: every test reads its
    /// KPIs from totals the triggers keep, as the app does.</para>
    /// <para>Truncating the zone would switch the totals off (every KPI read from the cases instead).
    /// Truncating the totals besides, as Respawn did to <c>kpi_daily_resolutions</c> and its differences
    /// before, hides a rebuild that went wrong and empties them behind the triggers' back; the reset
    /// checks instead that the triggers left them empty (<see cref="ResetAsync"/>).</para>
    /// </remarks>
    public static readonly IReadOnlyList<string> KeptByTheKpiTriggers =
        ["kpi_totals_state", "kpi_daily_totals", "kpi_daily_changes", "kpi_daily_resolutions", "kpi_daily_resolution_changes"];

    /// <summary>The statement the reset runs, for the test that proves what it leaves alone.</summary>
    public string ResetSql => _respawner!.DeleteSql ?? "";

    public virtual async Task DisposeAsync() => await Server.DropDatabaseAsync(DatabaseName);

    /// <summary>
    /// Empties every table but those in <see cref="KeptByTheHost"/>, and fails if the KPI totals did not
    /// end empty with it (see <see cref="KeptByTheKpiTriggers"/>).
    /// </summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // A host's keeper folding the differences meanwhile could write totals after the triggers emptied
        // them; holding the totals' lock, the keeper skips its fold (it tries the lock and waits for none).
        await using (var lockTotals = new NpgsqlCommand($"SELECT pg_advisory_lock({KpiTotals.TotalsLock})", connection))
        {
            await lockTotals.ExecuteNonQueryAsync();
        }

        try
        {
            await _respawner!.ResetAsync(connection);
        }
        finally
        {
            await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({KpiTotals.TotalsLock})", connection);
            await unlock.ExecuteNonQueryAsync();
        }

        await using var left = new NpgsqlCommand(
            string.Join(" UNION ALL ", KeptByTheKpiTriggers.Where(t => t != "kpi_totals_state").Select(t => $"SELECT '{t}' FROM (SELECT 1 FROM {t} LIMIT 1) AS t")),
            connection);
        await using var reader = await left.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            throw new InvalidOperationException($"The reset left rows in {reader.GetString(0)}: the KPI triggers did not count the totals afresh after the TRUNCATE.");
        }
    }

    public HelpDeskDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<HelpDeskDbContext>()
            .UseNpgsql(ConnectionString)
            .UseSnakeCaseNamingConvention()
            .Options;
        return new HelpDeskDbContext(options);
    }
}

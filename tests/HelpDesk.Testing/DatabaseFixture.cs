using Xunit;
using HelpDesk.Application.Common;
using HelpDesk.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Respawn;

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
            // Data Protection keys are the hosts' own, cached in memory: wiping them would leave a
            // running host signing cookies with a key no other instance can find.
            // The KPI totals follow the cases by trigger: emptying the cases empties them (a DELETE
            // writes the differences, a TRUNCATE counts afresh), and wiping them besides, in whatever
            // order Respawn chose, could leave them out of step.
            TablesToIgnore = ["__EFMigrationsHistory", "data_protection_keys", "kpi_totals_state", "kpi_daily_totals", "kpi_daily_changes"],
            WithReseed = true,
        });
    }

    public virtual async Task DisposeAsync() => await Server.DropDatabaseAsync(DatabaseName);

    /// <summary>Empties every table but the migration history and the Data Protection keys.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);
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

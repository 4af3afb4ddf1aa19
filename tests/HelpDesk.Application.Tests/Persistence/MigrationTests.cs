using HelpDesk.Application.Common;
using HelpDesk.Application.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.Application.Tests.Persistence;

/// <summary>
/// The one migration (InitialCreate) holds the whole model and applies the SQL files of
/// Persistence/Sql; a database made by the older pre-release migrations is refused with one sentence.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class MigrationTests(ApplicationFixture fixture)
{
    [Fact]
    public async Task Model_HasNoChangesThatNoMigrationHolds()
    {
        await using var db = fixture.CreateDbContext();

        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration holds: add a migration (docs/architecture.md, \"Persistence\").");
    }

    [Fact]
    public async Task MigratedDatabase_HasTheKpiFunctionsAndTriggers()
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();

        Assert.Equal(
            [
                "kpi_answered_resolution", "kpi_case_figures", "kpi_case_resolution", "kpi_detractor", "kpi_met", "kpi_online",
                "kpi_promoter", "kpi_record_case_change", "kpi_record_resolution_change", "kpi_record_survey_change",
                "kpi_resolution_survey_csat", "kpi_resolutions_rebuild", "kpi_satisfied", "kpi_totals_fold", "kpi_totals_rebuild",
                "kpi_totals_rebuild_after_truncate",
            ],
            await NamesAsync(connection, "SELECT p.proname FROM pg_proc AS p JOIN pg_namespace AS n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname LIKE 'kpi\\_%' ORDER BY 1"));
        Assert.Equal(
            [
                "case_resolutions.kpi_totals_resolution_changed", "case_resolutions.kpi_totals_resolutions_truncated",
                "complaints.kpi_totals_case_changed", "complaints.kpi_totals_case_deleted", "complaints.kpi_totals_case_inserted",
                "complaints.kpi_totals_cases_truncated",
                "survey_responses.kpi_totals_survey_changed", "survey_responses.kpi_totals_surveys_truncated",
            ],
            await NamesAsync(connection, "SELECT t.tgrelid::regclass::text || '.' || t.tgname FROM pg_trigger AS t WHERE NOT t.tgisinternal ORDER BY 1"));
        Assert.Equal(
            ["kpi_daily_changes", "kpi_daily_resolution_changes", "kpi_daily_resolutions", "kpi_daily_totals", "kpi_totals_state"],
            await NamesAsync(connection, "SELECT c.relname FROM pg_class AS c WHERE c.relkind = 'r' AND (c.relname LIKE 'kpi\\_daily\\_%' OR c.relname = 'kpi_totals_state') ORDER BY 1"));
        Assert.Equal(
            ["ix_complaints_customer_email_lower"],
            await NamesAsync(connection, "SELECT indexname FROM pg_indexes WHERE indexname = 'ix_complaints_customer_email_lower' AND indexdef LIKE '%lower(%customer_email%'"));
    }

    [Fact]
    public async Task StartUp_OnADatabaseMadeByTheOlderPreReleaseMigrations_StopsWithOneSentence()
    {
        var name = fixture.DatabaseName + "_older";
        var connectionString = await fixture.Server.CreateDatabaseAsync(name);
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var history = new NpgsqlCommand(
                    """
                    CREATE TABLE "__EFMigrationsHistory" (migration_id varchar(150) PRIMARY KEY, product_version varchar(32) NOT NULL);
                    INSERT INTO "__EFMigrationsHistory" VALUES ('20261125105545_InitialCreate', '10.0.0'), ('20261125111433_PolicyEngine', '10.0.0');
                    """,
                    connection);
                await history.ExecuteNonQueryAsync();
            }

            var options = new DbContextOptionsBuilder<HelpDeskDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
            await using var db = new HelpDeskDbContext(options);

            var refusal = await Assert.ThrowsAsync<StartupProblemException>(() => MigrationHistory.MigrateAsync(db));

            Assert.Equal(MigrationHistory.OlderSetMessage, refusal.Message);
            Assert.Contains("delete .data/", refusal.Message, StringComparison.Ordinal);
            Assert.Empty(await db.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_name = 'complaints'").ToListAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await fixture.Server.DropDatabaseAsync(name);
        }
    }

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Before the site serves a request: creates the database if it is missing, applies migrations, seeds
/// the policy's defaults and, for a demo, an administrator and a few cases.
/// </summary>
public sealed partial class DatabaseInitialiser(IServiceProvider services, HelpDeskDatabase database, IConfiguration configuration, ILogger<DatabaseInitialiser> logger)
    : IHostedService
{
    public const string DemoAdministratorEmail = "admin@helpdesk.local";
    public const string DemoAdministratorPassword = "HelpDesk-Demo-2026!";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var connectionString = database.ConnectionString;
        await CreateDatabaseIfMissingAsync(connectionString, cancellationToken);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        await MigrationHistory.MigrateAsync(db, cancellationToken);
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        await seeder.SeedDefaultsAsync(cancellationToken);

        if (configuration.GetValue("HelpDesk:Demo:Enabled", database.UsesLocalCluster))
        {
            await seeder.EnsureStaffAsync(DemoAdministratorEmail, "Demo Administrator", DemoAdministratorPassword, StaffRoles.Administrator);
            await SeedDemoCasesAsync(db, scope.ServiceProvider.GetRequiredService<ISender>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
            DemoReady(logger, DemoAdministratorEmail, DemoAdministratorPassword);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task CreateDatabaseIfMissingAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", target.Database ?? "helpdesk");
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                DatabaseCreated(logger, target.Database);
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidCatalogName)
        {
            // Without rights over the 'postgres' database we cannot create one: use the configured database as it is.
            NoCreateRights(logger, target.Database);
        }
    }

    private static async Task SeedDemoCasesAsync(HelpDeskDbContext db, ISender sender, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await db.Complaints.AnyAsync(cancellationToken))
        {
            return;
        }

        var types = await db.ComplaintTypes.ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var now = time.GetUtcNow();
        (string Type, Channel Channel, Priority Priority, string Name, string Email, string Subject, string Description, int HoursAgo)[] demo =
        [
            ("Billing issues", Channel.Phone, Priority.Normal, "Aisha Khan", "aisha.khan@example.com", "Charged twice for October", "The customer was charged twice for the October invoice and wants the duplicate refunded.", 3),
            ("Product defects", Channel.Email, Priority.High, "Tom Baker", "tom.baker@example.com", "Kettle stopped heating after a week", "The kettle bought on the 2nd stopped heating. The customer has the receipt and would like a replacement.", 26),
            ("Service outage", Channel.LiveChat, Priority.Critical, "Grace Hopper", "grace@example.com", "No internet since this morning", "The customer's broadband has been down since 07:00; the router shows a red light.", 1),
            ("General", Channel.PostalMail, Priority.Low, "Arthur Dent", "arthur.dent@example.com", "Opening hours at the Cardiff office", "A letter asking whether the Cardiff office opens on Saturdays.", 50),
        ];
        foreach (var d in demo)
        {
            await sender.Send(
                new LogComplaint.Command
                {
                    ReceivedAt = now.AddHours(-d.HoursAgo),
                    Channel = d.Channel,
                    Kind = d.Type == "General" ? CaseKind.Question : CaseKind.Complaint,
                    ComplaintTypeId = types[d.Type],
                    Priority = d.Priority,
                    CustomerName = d.Name,
                    CustomerEmail = d.Email,
                    Subject = d.Subject,
                    Description = d.Description,
                },
                cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void DatabaseCreated(ILogger logger, string? database);

    [LoggerMessage(Level = LogLevel.Information, Message = "No rights to create databases: using {Database} as configured")]
    private static partial void NoCreateRights(ILogger logger, string? database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data is on. Sign in as {Email} with password {Password}")]
    private static partial void DemoReady(ILogger logger, string email, string password);
}

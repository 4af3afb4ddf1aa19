using DotNet.Testcontainers.Builders;
using HelpDesk.Web.Hosting;
using Npgsql;
using Testcontainers.PostgreSql;

namespace HelpDesk.Testing;

/// <summary>
/// The one PostgreSQL server a test run uses, chosen once: <c>HELPDESK_TEST_DB</c> if set; else a
/// Testcontainers container where a Docker engine answers; else a throwaway cluster started from the
/// machine's PostgreSQL binaries. Each test assembly makes its own database on it.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private PostgresServer(string connectionString, string source)
    {
        ConnectionString = connectionString;
        Source = source;
    }

    /// <summary>A connection to the server as a user that may create databases.</summary>
    public string ConnectionString { get; }

    /// <summary>Which of the three sources is in use, for the test log.</summary>
    public string Source { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>Creates an empty database (dropping one left by an earlier, interrupted run).</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionStringFor(name);
    }

    public async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("HELPDESK_TEST_DB");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new PostgresServer(configured, "HELPDESK_TEST_DB");
        }

        var container = await TryStartContainerAsync();
        if (container is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new PostgresServer(container.GetConnectionString(), "Testcontainers");
        }

        var cluster = LocalPostgresCluster.StartThrowaway();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return new PostgresServer(cluster.ConnectionString, $"local cluster on port {cluster.Port}");
    }

    private static async Task<PostgreSqlContainer?> TryStartContainerAsync()
    {
        try
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            return container;
        }
        catch (Exception e) when (e is DockerUnavailableException or TimeoutException or InvalidOperationException or HttpRequestException or System.ComponentModel.Win32Exception)
        {
            // No Docker engine here: fall back to the machine's PostgreSQL binaries.
            return null;
        }
    }
}

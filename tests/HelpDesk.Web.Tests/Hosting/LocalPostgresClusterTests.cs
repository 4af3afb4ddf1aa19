using HelpDesk.Web.Hosting;
using Npgsql;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>The run command's private cluster: data survives a restart, and a running one is reused.</summary>
public sealed class LocalPostgresClusterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "helpdesk-persistent-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task A_second_start_keeps_the_data_of_the_first()
    {
        using (var first = LocalPostgresCluster.StartPersistent(_directory))
        {
            await ScalarAsync(first.ConnectionString, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
            NpgsqlConnection.ClearAllPools();
        }

        using var second = LocalPostgresCluster.StartPersistent(_directory);

        Assert.Equal("still here", await ScalarAsync(second.ConnectionString, "SELECT note FROM kept"));
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_cluster_left_running_is_reused_not_restarted()
    {
        using var running = LocalPostgresCluster.StartPersistent(_directory);
        var started = await ScalarAsync(running.ConnectionString, "SELECT pg_postmaster_start_time()");

        using (var again = LocalPostgresCluster.StartPersistent(_directory))
        {
            Assert.Equal(running.Port, again.Port);
            Assert.Equal(started, await ScalarAsync(again.ConnectionString, "SELECT pg_postmaster_start_time()"));
        }

        // The reuser does not own the server: it is still up after the reuser stops.
        Assert.Equal(started, await ScalarAsync(running.ConnectionString, "SELECT pg_postmaster_start_time()"));
        NpgsqlConnection.ClearAllPools();
    }
}

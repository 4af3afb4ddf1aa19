using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// HelpDesk run as the real process: a missing prerequisite ends it with one sentence that says what
/// to do, not a stack trace.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class StartupProblemTests(WebFixture fixture)
{
    private static async Task<(int ExitCode, string Output)> RunHelpDeskAsync(IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "HelpDesk.Web.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static void AssertOneClearSentence(string output, string expected)
    {
        var last = output.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("HelpDesk could not start.", last, StringComparison.Ordinal);
        Assert.Contains(expected, last, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_ends_with_a_sentence_naming_ASPNETCORE_URLS()
    {
        using var occupier = new TcpListener(IPAddress.Loopback, 0);
        occupier.Start();
        var port = ((IPEndPoint)occupier.LocalEndpoint).Port;

        var (exitCode, output) = await RunHelpDeskAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__HelpDesk"] = fixture.ConnectionString,
        });

        Assert.Equal(1, exitCode);
        AssertOneClearSentence(output, "already in use");
        Assert.Contains("ASPNETCORE_URLS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_ends_with_a_sentence_naming_the_connection_string()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var (exitCode, output) = await RunHelpDeskAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__HelpDesk"] = $"Host=127.0.0.1;Port={port};Database=helpdesk;Username=helpdesk;Password=x;Timeout=3",
        });

        Assert.Equal(1, exitCode);
        AssertOneClearSentence(output, $"Could not reach PostgreSQL at 127.0.0.1:{port}");
    }

    [Fact]
    public async Task A_wrong_database_password_ends_with_a_sentence_about_the_credentials()
    {
        var wrong = new NpgsqlConnectionStringBuilder(fixture.ConnectionString) { Password = "not the password" }.ConnectionString;

        var (exitCode, output) = await RunHelpDeskAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__HelpDesk"] = wrong,
        });

        Assert.Equal(1, exitCode);
        AssertOneClearSentence(output, "refused HelpDesk's user name or password");
    }

    [Fact]
    public async Task A_database_made_by_the_older_pre_release_migrations_ends_with_a_sentence_saying_to_delete_data()
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
                    INSERT INTO "__EFMigrationsHistory" VALUES ('20261125105545_InitialCreate', '10.0.12');
                    """,
                    connection);
                await history.ExecuteNonQueryAsync();
            }

            var (exitCode, output) = await RunHelpDeskAsync(new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
                ["ConnectionStrings__HelpDesk"] = connectionString,
            });

            Assert.Equal(1, exitCode);
            AssertOneClearSentence(output, "older pre-release set of migrations");
            Assert.Contains("delete .data/", output, StringComparison.Ordinal);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await fixture.Server.DropDatabaseAsync(name);
        }
    }

    [Fact]
    public async Task A_smtp_sender_that_is_not_one_address_ends_with_a_sentence_naming_the_setting()
    {
        var (exitCode, output) = await RunHelpDeskAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__HelpDesk"] = fixture.ConnectionString,
            ["HelpDesk__Smtp__SenderAddress"] = "helpdesk@example.test, other@example.test",
        });

        Assert.Equal(1, exitCode);
        AssertOneClearSentence(output, "HelpDesk:Smtp:SenderAddress");
    }

    [Theory]
    [InlineData("HelpDesk__PublicBaseUrl", "helpdesk.example.com", "HelpDesk:PublicBaseUrl")]
    [InlineData("HelpDesk__PublicBaseUrl", "ftp://helpdesk.example.com", "HelpDesk:PublicBaseUrl")]
    [InlineData("HelpDesk__Survey__LinkLifetime", "-1.00:00:00", "HelpDesk:Survey:LinkLifetime")]
    public async Task A_survey_link_setting_that_cannot_work_ends_with_a_sentence_naming_it(string variable, string value, string setting)
    {
        var (exitCode, output) = await RunHelpDeskAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ConnectionStrings__HelpDesk"] = fixture.ConnectionString,
            [variable] = value,
        });

        Assert.Equal(1, exitCode);
        AssertOneClearSentence(output, setting);
    }
}

using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Npgsql;

namespace HelpDesk.Web.Hosting;

/// <summary>Turns the ways start-up fails for want of something outside HelpDesk into one sentence that says what to do.</summary>
/// <remarks>
/// What the sentences name is read when the host is built: by the time start-up has failed, the host
/// (and its configuration) has already been disposed.
/// </remarks>
public sealed class StartupProblems(IConfiguration configuration)
{
    private readonly string _urls = configuration["urls"] ?? "ASPNETCORE_URLS not set: http://localhost:5000";
    private readonly string _database = Describe(configuration.GetConnectionString("HelpDesk"));

    public string? Explain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StartupProblemException problem:
                    return problem.Message;
                case AddressInUseException or IOException { InnerException: AddressInUseException }:
                    return $"The address HelpDesk was asked to listen on is already in use ({_urls}): "
                        + "stop whatever uses it or choose another with ASPNETCORE_URLS, e.g. ASPNETCORE_URLS=http://127.0.0.1:5080.";
                case PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification }:
                    return "PostgreSQL refused HelpDesk's user name or password: check the credentials in ConnectionStrings__HelpDesk.";
                case NpgsqlException { InnerException: SocketException or TimeoutException } or SocketException:
                    return $"Could not reach PostgreSQL at {_database}: start the server or correct ConnectionStrings__HelpDesk.";
            }
        }

        return null;
    }

    private static string Describe(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return "the private cluster";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            return $"{builder.Host}:{builder.Port}";
        }
        catch (ArgumentException)
        {
            return "the configured address";
        }
    }
}

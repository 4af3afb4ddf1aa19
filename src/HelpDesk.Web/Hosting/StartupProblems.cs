using System.Net.Sockets;
using HelpDesk.Application.Common;
using Microsoft.AspNetCore.Connections;
using Npgsql;

namespace HelpDesk.Web.Hosting;

/// <summary>Turns the ways start-up fails for want of something outside HelpDesk into one sentence that says what to do.</summary>
public static class StartupProblems
{
    public static string? Explain(Exception exception, IConfiguration configuration)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StartupProblemException problem:
                    return problem.Message;
                case AddressInUseException or IOException { InnerException: AddressInUseException }:
                    return $"The address HelpDesk was asked to listen on is already in use ({configuration["urls"] ?? "ASPNETCORE_URLS not set: http://localhost:5000"}): "
                        + "stop whatever uses it or choose another with ASPNETCORE_URLS, e.g. ASPNETCORE_URLS=http://127.0.0.1:5080.";
                case PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification }:
                    return "PostgreSQL refused HelpDesk's user name or password: check the credentials in ConnectionStrings__HelpDesk.";
                case NpgsqlException { InnerException: SocketException or TimeoutException } or SocketException:
                    return $"Could not reach PostgreSQL at {Describe(configuration)}: start the server or correct ConnectionStrings__HelpDesk.";
            }
        }

        return null;
    }

    private static string Describe(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("HelpDesk");
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

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Where the database is: <c>ConnectionStrings:HelpDesk</c> when configured; otherwise a private
/// PostgreSQL cluster under the repository's <c>.data/</c>, started on first use and stopped with the host.
/// </summary>
public sealed class HelpDeskDatabase : IDisposable
{
    private readonly Lazy<string> _connectionString;
    private LocalPostgresCluster? _cluster;

    public HelpDeskDatabase(IConfiguration configuration, IHostEnvironment environment, ILogger<HelpDeskDatabase> logger)
    {
        var configured = configuration.GetConnectionString("HelpDesk");
        UsesLocalCluster = string.IsNullOrWhiteSpace(configured);
        _connectionString = new Lazy<string>(() =>
        {
            if (!UsesLocalCluster)
            {
                return configured!;
            }

            var directory = configuration["HelpDesk:LocalDatabase:Directory"] is { Length: > 0 } d ? d : DefaultDirectory(environment);
            logger.LogInformation("No ConnectionStrings:HelpDesk configured: starting a private PostgreSQL cluster in {Directory}", directory);
            _cluster = LocalPostgresCluster.StartPersistent(directory);
            logger.LogInformation("Private PostgreSQL cluster listening on 127.0.0.1:{Port} (log: {LogFile})", _cluster.Port, _cluster.LogFile);
            return _cluster.ConnectionStringFor("helpdesk");
        });
    }

    public bool UsesLocalCluster { get; }

    public string ConnectionString => _connectionString.Value;

    public void Dispose() => _cluster?.Stop();

    /// <summary><c>.data/postgres</c> at the top of the repository (the folder holding HelpDesk.sln), or beside the app.</summary>
    private static string DefaultDirectory(IHostEnvironment environment)
    {
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HelpDesk.sln")))
            {
                return Path.Combine(dir.FullName, ".data", "postgres");
            }
        }

        return Path.Combine(environment.ContentRootPath, ".data", "postgres");
    }
}

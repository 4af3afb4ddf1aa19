using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// A private PostgreSQL cluster run from the machine's own PostgreSQL binaries: the run command's
/// database when no connection string is configured, and the test suite's when neither
/// <c>HELPDESK_TEST_DB</c> nor a Docker engine is available.
/// </summary>
/// <remarks>
/// initdb refuses to run as root, so as root the cluster belongs to the <c>postgres</c> user and every
/// PostgreSQL command runs through <c>runuser</c>. pg_ctl is always given a log file: without one the
/// server inherits pg_ctl's output pipe and whoever reads it waits forever.
/// </remarks>
public sealed class LocalPostgresCluster : IDisposable
{
    public const string Superuser = "helpdesk";

    private readonly string _bin;
    private readonly string _dataDirectory;
    private readonly bool _runAsPostgres;
    private readonly bool _ownsServer;
    private readonly bool _deleteOnStop;
    private bool _stopped;

    private LocalPostgresCluster(string bin, string baseDirectory, bool runAsPostgres, int port, string password, bool ownsServer, bool deleteOnStop)
    {
        _bin = bin;
        BaseDirectory = baseDirectory;
        _dataDirectory = Path.Combine(baseDirectory, "data");
        _runAsPostgres = runAsPostgres;
        Port = port;
        _ownsServer = ownsServer;
        _deleteOnStop = deleteOnStop;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = Superuser,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
    }

    public string BaseDirectory { get; }
    public int Port { get; }

    /// <summary>A connection to the cluster's <c>postgres</c> database as its superuser.</summary>
    public string ConnectionString { get; }

    public string LogFile => Path.Combine(BaseDirectory, "postgres.log");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    /// <summary>
    /// Starts (creating on first use) a cluster whose data stays in <paramref name="baseDirectory"/>
    /// between runs. If a cluster from an earlier run is still up there, it is reused and left running.
    /// </summary>
    public static LocalPostgresCluster StartPersistent(string baseDirectory) => Start(baseDirectory, persistent: true);

    /// <summary>A cluster for one test run: created in a new temporary folder, deleted when stopped.</summary>
    public static LocalPostgresCluster StartThrowaway() =>
        Start(Path.Combine(Path.GetTempPath(), "helpdesk-pg-" + Guid.NewGuid().ToString("N")[..12]), persistent: false);

    private static LocalPostgresCluster Start(string baseDirectory, bool persistent)
    {
        var bin = FindBinaries();
        var runAsPostgres = Environment.IsPrivilegedProcess;
        baseDirectory = Path.GetFullPath(baseDirectory);
        var dataDirectory = Path.Combine(baseDirectory, "data");
        var passwordFile = Path.Combine(baseDirectory, "password");
        var portFile = Path.Combine(baseDirectory, "port");
        Directory.CreateDirectory(baseDirectory);
        if (runAsPostgres)
        {
            GiveToPostgresUser(baseDirectory);
        }

        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            File.WriteAllText(passwordFile, password);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            if (runAsPostgres)
            {
                GiveToPostgresUser(passwordFile);
            }

            Run(bin, runAsPostgres, "initdb", "-D", dataDirectory, "-U", Superuser, "--pwfile", passwordFile,
                "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions");
            var settings = new List<string>
            {
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''",
                "max_connections = 200",
            };
            if (!persistent)
            {
                // A test cluster's data is thrown away: durability only costs time.
                settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
            }

            File.AppendAllLines(Path.Combine(dataDirectory, "postgresql.auto.conf"), settings);
        }

        var secret = File.ReadAllText(passwordFile).Trim();
        if (persistent && IsRunning(bin, runAsPostgres, dataDirectory) && File.Exists(portFile))
        {
            var runningPort = int.Parse(File.ReadAllText(portFile).Trim(), CultureInfo.InvariantCulture);
            return new LocalPostgresCluster(bin, baseDirectory, runAsPostgres, runningPort, secret, ownsServer: false, deleteOnStop: false);
        }

        var port = FreePort();
        var log = Path.Combine(baseDirectory, "postgres.log");
        Run(bin, runAsPostgres, "pg_ctl", "start", "-w", "-t", "60", "-D", dataDirectory, "-l", log,
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {port}"));
        File.WriteAllText(portFile, port.ToString(CultureInfo.InvariantCulture));
        return new LocalPostgresCluster(bin, baseDirectory, runAsPostgres, port, secret, ownsServer: true, deleteOnStop: !persistent);
    }

    public void Stop()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        if (_ownsServer)
        {
            Run(_bin, _runAsPostgres, "pg_ctl", "stop", "-w", "-t", "60", "-D", _dataDirectory, "-m", _deleteOnStop ? "immediate" : "fast");
        }

        if (_deleteOnStop)
        {
            Directory.Delete(BaseDirectory, recursive: true);
        }
    }

    public void Dispose() => Stop();

    /// <summary>The newest PostgreSQL's binaries: <c>HELPDESK_PG_BIN</c>, Debian's layout, then PATH.</summary>
    public static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("HELPDESK_PG_BIN");
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(Path.Combine(configured, "initdb")))
        {
            return configured;
        }

        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.GetDirectories(debian)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Dir, "bin", "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin"))
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")));
        return onPath ?? throw new StartupProblemException(
            "No PostgreSQL server binaries (initdb, pg_ctl) were found: install them (on Debian: apt-get install -y postgresql), "
            + "set HELPDESK_PG_BIN to their folder, or set ConnectionStrings__HelpDesk to an existing database.");
    }

    private static bool IsRunning(string bin, bool runAsPostgres, string dataDirectory) =>
        Execute(bin, runAsPostgres, "pg_ctl", ["status", "-D", dataDirectory]).ExitCode == 0;

    private static void Run(string bin, bool runAsPostgres, string tool, params string[] arguments)
    {
        var (exitCode, output) = Execute(bin, runAsPostgres, tool, arguments);
        if (exitCode != 0)
        {
            throw new StartupProblemException($"PostgreSQL's {tool} failed (exit code {exitCode}): {output.Trim()}");
        }
    }

    private static (int ExitCode, string Output) Execute(string bin, bool runAsPostgres, string tool, string[] arguments) =>
        runAsPostgres
            ? ExecuteCommand("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments])
            : ExecuteCommand(Path.Combine(bin, tool), arguments);

    private static void GiveToPostgresUser(string path)
    {
        // The server runs as 'postgres', which must own its files and be able to reach the folder.
        var (exitCode, output) = ExecuteCommand("chown", ["-R", "postgres:postgres", path]);
        if (exitCode != 0)
        {
            throw new StartupProblemException($"Could not give {path} to the postgres user: {output.Trim()}");
        }

        if (ExecuteCommand("runuser", ["-u", "postgres", "--", "test", "-w", path]).ExitCode != 0)
        {
            throw new StartupProblemException(
                $"The postgres user cannot reach {path} (a parent folder is closed to other users): "
                + "move the repository somewhere readable, or set ConnectionStrings__HelpDesk to an existing database.");
        }
    }

    private static (int ExitCode, string Output) ExecuteCommand(string file, string[] arguments)
    {
        var start = new ProcessStartInfo { FileName = file, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new StartupProblemException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

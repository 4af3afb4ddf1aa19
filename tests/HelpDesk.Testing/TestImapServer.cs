using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;
using Xunit;

namespace HelpDesk.Testing;

/// <summary>A mailbox on the <see cref="TestImapServer"/>: a user of its own, with an empty INBOX.</summary>
public sealed record ImapMailbox(string UserName, string Password);

/// <summary>One message in a folder, as <see cref="TestImapServer.ListAsync"/> reads it back.</summary>
public sealed record ImapMessage(UniqueId Uid, string? Subject, string? MessageId);

/// <summary>Which IMAP extensions a <see cref="TestImapServer"/> offers after sign-in: all of Dovecot's, or all but one the reader must do without.</summary>
public enum ImapExtensions
{
    All,

    /// <summary>No IDLE: the reader polls every <c>HelpDesk:Email:PollInterval</c>.</summary>
    WithoutIdle,

    /// <summary>No MOVE: the reader moves with COPY, STORE \Deleted and EXPUNGE.</summary>
    WithoutMove,
}

/// <summary>
/// The one real IMAP server a test run reads mail from (one more per <see cref="ImapExtensions"/> a test asks for): Debian's Dovecot (<c>HELPDESK_DOVECOT</c> to use
/// another binary), started once per run in the foreground as a child of the test process, with its own
/// configuration, Maildir, runtime folders and log under a temporary folder that is deleted at the end.
/// </summary>
/// <remarks>
/// Three listeners: plain IMAP on 127.0.0.1 (no STARTTLS offered), and on 127.0.0.2 one that offers
/// STARTTLS and one with TLS from the first byte, both with a self-signed certificate made at start-up
/// (<see cref="AcceptTestCertificate"/>). Dovecot turns TLS on or off per local address, not per port,
/// hence the second loopback address.
/// Each test makes its own user with <see cref="CreateMailboxAsync"/>, so tests sharing the server never
/// see each other's mail. Each user is a passwd-file of its own, read at the user's first login.
/// As root, Dovecot's processes run as the Debian package's own users (mail may not be read as uid 0);
/// as anyone else, every process runs as that user, without chroot.
/// </remarks>
public sealed class TestImapServer
{
    private static readonly Lazy<Task<TestImapServer>> Shared = new(() => StartAsync(ImapExtensions.All));

    private static readonly Lazy<Task<TestImapServer>> WithoutIdle = new(() => StartAsync(ImapExtensions.WithoutIdle));

    private static readonly Lazy<Task<TestImapServer>> WithoutMove = new(() => StartAsync(ImapExtensions.WithoutMove));

    /// <summary>
    /// Dovecot 2.3's own post-login capabilities, less those that change nothing the reader does; a
    /// server that leaves one out gets this list without it (<c>imap_capability</c> replaces the list).
    /// </summary>
    private static readonly string[] Capabilities =
        ["IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "SORT", "THREAD=REFERENCES", "MULTIAPPEND", "UNSELECT", "CHILDREN", "NAMESPACE",
         "UIDPLUS", "LIST-EXTENDED", "I18NLEVEL=1", "ESEARCH", "SEARCHRES", "LIST-STATUS", "BINARY", "MOVE", "LITERAL+", "SPECIAL-USE"];

    /// <summary>How long a wait lasts when the test does not say: far more than a healthy append takes.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);

    // The test host does not always get to run its exit handlers to the end (the runner may end it),
    // and Dovecot does not notice its parent going. So it runs under a shell that holds the test
    // process's end of a pipe (on fd 3: a background job's own stdin is /dev/null). When the pipe
    // closes, because Stop closed it or however the test process ended, the shell stops Dovecot and
    // removes the folder. A Dovecot that ends by itself is reported on a line of its own, and the folder
    // (with its log) stays until the pipe closes.
    private const string ExitedLine = "helpdesk-test-imap: dovecot exited with code";

    private const string OutlivesNoTestRun = $$"""
        exec 3<&0
        "$0" -F -c "$1/dovecot.conf" 3<&- &
        server=$!
        { read -r _ <&3; kill -TERM "$server" 2>/dev/null; } &
        wait "$server"
        echo "{{ExitedLine}} $?"
        wait
        rm -rf "$1"
        """;

    private readonly string _directory;
    private readonly string _usersFolder;
    private readonly Process _process;
    private readonly StringBuilder _output;
    private int _stopped;

    private TestImapServer(string directory, Process process, StringBuilder output, X509Certificate2 certificate, int port, int startTlsPort, int sslOnConnectPort)
    {
        _directory = directory;
        _usersFolder = Path.Combine(directory, "users");
        _process = process;
        _output = output;
        Certificate = certificate;
        Port = port;
        StartTlsPort = startTlsPort;
        SslOnConnectPort = sslOnConnectPort;
    }

    /// <summary>Where the plain listener is.</summary>
    public const string Host = "127.0.0.1";

    /// <summary>Where the two TLS listeners are.</summary>
    public const string TlsHost = "127.0.0.2";

    /// <summary>Plain IMAP on <see cref="Host"/>: no TLS, and none offered.</summary>
    public int Port { get; }

    /// <summary>IMAP on <see cref="TlsHost"/> that offers STARTTLS.</summary>
    public int StartTlsPort { get; }

    /// <summary>IMAP over TLS from the first byte (IMAPS) on <see cref="TlsHost"/>.</summary>
    public int SslOnConnectPort { get; }

    /// <summary>The self-signed certificate both TLS listeners present.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>From starting Dovecot to its first greeting, for the test log.</summary>
    public TimeSpan StartupTime { get; private set; }

    public string LogFile => Path.Combine(_directory, "dovecot.log");

    public static Task<TestImapServer> GetAsync() => Shared.Value;

    /// <summary>A server of its own (started at the first ask, shared after) that offers all but one extension.</summary>
    public static Task<TestImapServer> GetAsync(ImapExtensions extensions) => extensions switch
    {
        ImapExtensions.All => Shared.Value,
        ImapExtensions.WithoutIdle => WithoutIdle.Value,
        ImapExtensions.WithoutMove => WithoutMove.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(extensions), extensions, "One of ImapExtensions."),
    };

    /// <summary>For a client's <c>ServerCertificateValidationCallback</c>: trusts this server's certificate and no other.</summary>
    public bool AcceptTestCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString() == Certificate.GetCertHashString();

    /// <summary>
    /// For the host's <c>ImapClientOptions</c>: the app's own IMAP clients trust what the system trusts
    /// and, once this run's Dovecot has started, its self-signed certificate; production sets nothing.
    /// </summary>
    public static void TrustTestCertificate(ImapClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.ServerCertificateValidationCallback = (sender, certificate, chain, errors) =>
            errors == SslPolicyErrors.None
            || new[] { Shared, WithoutIdle, WithoutMove }.Any(server => server.IsValueCreated && server.Value.IsCompletedSuccessfully && server.Value.Result.AcceptTestCertificate(sender, certificate, chain, errors));
    }

    /// <summary>A new user whose name and password no other test has.</summary>
    public async Task<ImapMailbox> CreateMailboxAsync(string name = "mailbox")
    {
        var mailbox = new ImapMailbox(
            $"{name}-{Guid.NewGuid().ToString("N")[..12]}@desk.test",
            Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant());
        // A file per user: Dovecot re-reads a changed passwd-file at most once a second, so a user added
        // to a shared file could be refused for that second; a new file is read at its first lookup.
        // Written aside and renamed in, so Dovecot never reads half a file.
        var written = Path.Combine(_directory, "users-" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(written, $"{mailbox.UserName}:{{PLAIN}}{mailbox.Password}\n");
        File.Move(written, Path.Combine(_usersFolder, mailbox.UserName));
        return mailbox;
    }

    /// <summary>
    /// A client signed in to <paramref name="mailbox"/> over the listener that matches
    /// <paramref name="security"/> (None: the plain one; StartTls; SslOnConnect), trusting the test certificate.
    /// </summary>
    public async Task<ImapClient> ConnectAsync(ImapMailbox mailbox, SecureSocketOptions security = SecureSocketOptions.None)
    {
        var (host, port) = security switch
        {
            SecureSocketOptions.None => (Host, Port),
            SecureSocketOptions.StartTls or SecureSocketOptions.StartTlsWhenAvailable => (TlsHost, StartTlsPort),
            SecureSocketOptions.SslOnConnect => (TlsHost, SslOnConnectPort),
            _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Say which listener: None, StartTls or SslOnConnect."),
        };
        var client = new ImapClient { ServerCertificateValidationCallback = AcceptTestCertificate, Timeout = (int)DefaultWait.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(host, port, security);
            await client.AuthenticateAsync(mailbox.UserName, mailbox.Password);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Puts a message in a folder as a mail server delivering it would (IMAP APPEND).</summary>
    public async Task<UniqueId?> AppendAsync(ImapMailbox mailbox, MimeMessage message, string folder = "INBOX")
    {
        using var client = await ConnectAsync(mailbox);
        var target = await client.GetFolderAsync(folder);
        var uid = await target.AppendAsync(message);
        await client.DisconnectAsync(true);
        return uid;
    }

    /// <summary>
    /// Appends a message given as raw bytes (mail written by hand, odd or malformed). It passes through
    /// MimeKit's parser, which keeps headers and body as they were written rather than reformatting them.
    /// </summary>
    public async Task<UniqueId?> AppendAsync(ImapMailbox mailbox, byte[] raw, string folder = "INBOX")
    {
        using var stream = new MemoryStream(raw);
        return await AppendAsync(mailbox, await MimeMessage.LoadAsync(stream, persistent: false), folder);
    }

    /// <summary>What is in a folder now, in UID order.</summary>
    public async Task<IReadOnlyList<ImapMessage>> ListAsync(ImapMailbox mailbox, string folder = "INBOX")
    {
        using var client = await ConnectAsync(mailbox);
        var target = await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        var listed = await ReadAsync(target);
        await client.DisconnectAsync(true);
        return listed;
    }

    /// <summary>
    /// Waits until a folder holds at least <paramref name="count"/> messages; returns them. Waits in
    /// IDLE, so it wakes as soon as Dovecot reports a new message, and fails at the deadline naming what
    /// is there.
    /// </summary>
    public async Task<IReadOnlyList<ImapMessage>> WaitForAsync(ImapMailbox mailbox, string folder, int count, TimeSpan? timeout = null)
    {
        var wait = timeout ?? DefaultWait;
        var waited = Stopwatch.StartNew();
        using var client = await ConnectAsync(mailbox);
        var target = await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        while (target.Count < count && waited.Elapsed < wait)
        {
            // Each round is short and re-checks the count, so a change that slipped in between the
            // check and IDLE starting costs at most one round rather than the whole wait.
            using var done = new CancellationTokenSource(TimeSpan.FromMilliseconds(Math.Min(1000, Math.Max(1, (wait - waited.Elapsed).TotalMilliseconds))));
            void Arrived(object? sender, EventArgs e) => done.Cancel();
            target.CountChanged += Arrived;
            try
            {
                await client.IdleAsync(done.Token);
            }
            finally
            {
                target.CountChanged -= Arrived;
            }

            await client.NoOpAsync();
        }

        var listed = await ReadAsync(target);
        await client.DisconnectAsync(true);
        if (listed.Count < count)
        {
            Assert.Fail($"Expected {count} messages in {folder} of {mailbox.UserName} within {wait}; it holds {listed.Count}: "
                + string.Join("; ", listed.Select(m => m.Subject)) + ".");
        }

        return listed;
    }

    /// <summary>The end of Dovecot's log, for a failure message.</summary>
    public string LogTail(int lines = 40)
    {
        var logged = File.Exists(LogFile) ? File.ReadAllLines(LogFile) : [];
        var printed = Printed();
        return string.Join(Environment.NewLine, logged.TakeLast(lines)) + (printed.Length > 0 ? $"{Environment.NewLine}Dovecot printed:{Environment.NewLine}{printed}" : "");
    }

    private string Printed()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static async Task<IReadOnlyList<ImapMessage>> ReadAsync(IMailFolder folder)
    {
        if (folder.Count == 0)
        {
            return [];
        }

        var summaries = await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope);
        return [.. summaries.OrderBy(s => s.UniqueId.Id).Select(s => new ImapMessage(s.UniqueId, s.Envelope?.Subject, s.Envelope?.MessageId))];
    }

    private static async Task<TestImapServer> StartAsync(ImapExtensions extensions)
    {
        var capability = extensions switch
        {
            ImapExtensions.WithoutIdle => "imap_capability = " + string.Join(' ', Capabilities.Where(c => c != "IDLE")),
            ImapExtensions.WithoutMove => "imap_capability = " + string.Join(' ', Capabilities.Where(c => c != "MOVE")),
            _ => "# imap_capability: Dovecot's own",
        };
        var dovecot = FindDovecot();
        var directory = Path.Combine(Path.GetTempPath(), "helpdesk-imap-" + Guid.NewGuid().ToString("N")[..12]);
        var mail = Path.Combine(directory, "mail");
        Directory.CreateDirectory(mail);
        Directory.CreateDirectory(Path.Combine(directory, "run"));
        Directory.CreateDirectory(Path.Combine(directory, "state"));

        // Mail may not be read as uid 0, so as root the mail (and Dovecot's own processes) belong to the
        // package's users; the Maildir root is open to them.
        var root = Environment.IsPrivilegedProcess;
        var internalUser = root ? "dovecot" : Id("-un");
        var loginUser = root ? "dovenull" : internalUser;
        var uid = Id("-u", internalUser);
        var gid = Id("-g", internalUser);
        var group = Id("-gn", internalUser);
        if (root && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(mail, (UnixFileMode)0b111_111_111);
        }

        var certificate = WriteCertificate(directory);
        var port = FreePort(IPAddress.Loopback);
        var tlsAddress = IPAddress.Parse(TlsHost);
        var startTlsPort = FreePort(tlsAddress);
        var sslOnConnectPort = FreePort(tlsAddress);
        Directory.CreateDirectory(Path.Combine(directory, "users"));
        var configuration = Path.Combine(directory, "dovecot.conf");
        File.WriteAllText(configuration, string.Create(CultureInfo.InvariantCulture, $$"""
            # A throwaway Dovecot for one test run (tests/HelpDesk.Testing/TestImapServer.cs).
            instance_name = helpdesk-test-imap
            {{capability}}
            base_dir = {{directory}}/run
            state_dir = {{directory}}/state
            log_path = {{directory}}/dovecot.log
            protocols = imap
            listen = {{Host}}, {{TlsHost}}
            default_internal_user = {{internalUser}}
            default_internal_group = {{group}}
            default_login_user = {{loginUser}}
            first_valid_uid = {{uid}}
            last_valid_uid = 0
            ssl = yes
            ssl_cert = <{{directory}}/cert.pem
            ssl_key = <{{directory}}/key.pem
            # 2.3's name for letting LOGIN through without TLS (2.4 calls it auth_allow_cleartext).
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            # A test that tries a wrong password should not wait out the delay meant to slow down guessing.
            # (Dovecot still adds a penalty that grows with each further failure from one address: try once.)
            auth_failure_delay = 0 secs
            mail_location = maildir:~/Maildir
            # IDLE hears of new mail at once through inotify; this only bounds the wait where inotify is unavailable.
            mailbox_idle_check_interval = 1 secs
            passdb {
              driver = passwd-file
              args = scheme=PLAIN {{directory}}/users/%u
            }
            userdb {
              driver = static
              args = uid={{uid}} gid={{gid}} home={{mail}}/%u
            }
            local {{Host}} {
              ssl = no
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = {{Host}}
                port = {{port}}
              }
              inet_listener starttls {
                address = {{TlsHost}}
                port = {{startTlsPort}}
              }
              inet_listener imaps {
                address = {{TlsHost}}
                port = {{sslOnConnectPort}}
                ssl = yes
              }
            }
            service anvil {
              chroot =
            }
            """));

        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo
        {
            FileName = "sh",
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-c", OutlivesNoTestRun, dovecot, directory })
        {
            start.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dovecot}.");
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new TestImapServer(directory, process, output, certificate, port, startTlsPort, sslOnConnectPort);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        try
        {
            await server.WaitUntilGreetedAsync(started);
        }
        catch
        {
            server.Stop();
            throw;
        }

        server.StartupTime = started.Elapsed;
        return server;
    }

    private async Task WaitUntilGreetedAsync(Stopwatch started)
    {
        Exception? last = null;
        while (started.Elapsed < StartDeadline)
        {
            if (Printed().Contains(ExitedLine, StringComparison.Ordinal) || _process.HasExited)
            {
                throw new InvalidOperationException($"Dovecot ended while starting. Its log:{Environment.NewLine}{LogTail()}");
            }

            try
            {
                using var client = new ImapClient { Timeout = 2000 };
                await client.ConnectAsync(Host, Port, SecureSocketOptions.None);
                await client.DisconnectAsync(true);
                return;
            }
            catch (Exception e) when (e is SocketException or IOException or ImapProtocolException or OperationCanceledException or TimeoutException)
            {
                last = e;
            }

            await Task.Delay(20);
        }

        throw new InvalidOperationException(
            $"Dovecot did not greet on {Host}:{Port} within {StartDeadline} (last: {last?.Message}). Its log:{Environment.NewLine}{LogTail()}");
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        // Closing the pipe is what stops Dovecot (see OutlivesNoTestRun); the shell ends once the
        // server has shut down and its folder is gone. Only a shell that hangs is killed, tree and all.
        _process.StandardInput.Close();
        if (!_process.WaitForExit(15_000))
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary><c>HELPDESK_DOVECOT</c>, Debian's /usr/sbin/dovecot, then PATH.</summary>
    private static string FindDovecot()
    {
        var configured = Environment.GetEnvironmentVariable("HELPDESK_DOVECOT");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? configured : throw new InvalidOperationException($"HELPDESK_DOVECOT points at {configured}, which does not exist.");
        }

        const string debian = "/usr/sbin/dovecot";
        if (File.Exists(debian))
        {
            return debian;
        }

        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "dovecot"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Dovecot was not found: install it (on Debian: apt-get install -y dovecot-imapd; scripts/test.sh does) or set HELPDESK_DOVECOT to its binary.");
    }

    private static X509Certificate2 WriteCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.Parse(TlsHost));
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        var keyFile = Path.Combine(directory, "key.pem");
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return certificate;
    }

    private static string Id(params string[] arguments)
    {
        var start = new ProcessStartInfo { FileName = "id", RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run id.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0
            ? stdout.Result.Trim()
            : throw new InvalidOperationException($"id {string.Join(' ', arguments)} failed: {stderr.Result.Trim()} (as root the Dovecot package's users dovecot and dovenull are needed).");
    }

    private static int FreePort(IPAddress address)
    {
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}

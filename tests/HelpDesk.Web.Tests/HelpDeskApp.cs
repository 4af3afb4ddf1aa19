using System.Net;
using System.Security.Cryptography.X509Certificates;
using HelpDesk.Application.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Hosting.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests;

/// <summary>The real web host, on Kestrel at a free loopback port, over a test database.</summary>
public sealed class HelpDeskApp : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly TimeProvider? _clock;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="clock">A clock the test moves (FakeTimeProvider); the real one when null.</param>
    /// <param name="settings">Configuration on top of the test defaults, e.g. an SMTP server.</param>
    public HelpDeskApp(string connectionString, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _connectionString = connectionString;
        _clock = clock;
        _settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (HttpsCertificate is { } certificate)
            {
                listen.UseHttps(certificate);
            }
        }));
    }

    /// <summary>
    /// Whether the host runs <see cref="KpiTotalsKeeper"/>. Off by default: the test database's totals
    /// are built by the fixture, and a keeper folding or rebuilding on the real clock would race a test
    /// that looks at the totals' tables; a test of the keeper turns it on.
    /// </summary>
    public bool KeepsKpiTotals { get; init; }

    /// <summary>PBKDF2 iterations for passwords hashed by this host: few, so sign-in is fast, unless a test needs the real cost.</summary>
    public int PasswordHashIterations { get; init; } = 1_000;

    /// <summary>When set, the host serves HTTPS (only) with this certificate.</summary>
    public X509Certificate2? HttpsCertificate { get; init; }

    public Uri BaseAddress
    {
        get
        {
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:HelpDesk", _connectionString);
        builder.UseSetting("HelpDesk:Demo:Enabled", "false");
        // The sweeper would mark and escalate the cases tests log in the past; a test that wants it turns it on.
        builder.UseSetting("HelpDesk:Sweeper:Enabled", "false");
        // A reader would pick up the mailboxes other tests store; the reader's tests turn it on.
        builder.UseSetting("HelpDesk:Email:ReadMailboxes", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        // Every test signs in from the loopback address; a test of the sign-in limit sets its own.
        builder.UseSetting("HelpDesk:SignIn:PermitLimit", "100000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // Hashing strength is Identity's concern, not these tests': keep sign-in fast.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations));
        // The host's IMAP clients trust the test Dovecot's self-signed certificate, and only that one besides the system's.
        builder.ConfigureServices(services => services.Configure<ImapClientOptions>(o => o.Configure = TestImapServer.TrustTestCertificate));
        if (!KeepsKpiTotals)
        {
            builder.ConfigureTestServices(services => services.Remove(services.Single(d => d.ImplementationType == typeof(KpiTotalsKeeper))));
        }

        if (_clock is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_clock));
        }
    }
}

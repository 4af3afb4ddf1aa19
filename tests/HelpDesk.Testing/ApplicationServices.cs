using HelpDesk.Application;
using HelpDesk.Application.Common;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence;
using HelpDesk.Web.Hosting.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Testing;

/// <summary>
/// The application's real registrations over a test database, with a clock the test moves, and the
/// host's real mail clients: SMTP with MailKit behind the outbox, IMAP behind "test connection"
/// (trusting the test Dovecot's certificate).
/// </summary>
public static class ApplicationServices
{
    public static ServiceProvider Build(string connectionString, FakeTimeProvider clock, ICurrentUser currentUser, IDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHelpDeskApplication(configuration, _ => connectionString);
        services.AddHelpDeskMail();
        services.Configure<ImapClientOptions>(o => o.Configure = TestImapServer.TrustTestCertificate);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(currentUser);
        services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<HelpDeskDbContext>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}

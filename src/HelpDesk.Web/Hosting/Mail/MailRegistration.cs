using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Features.Messages.Delivery;

namespace HelpDesk.Web.Hosting.Mail;

public static class MailRegistration
{
    /// <summary>
    /// The mail server behind the outbox's port (<see cref="IMailSender"/>) and the IMAP behind "test
    /// connection" (<see cref="IMailboxConnectionTest"/>). The host registers them, not
    /// <c>AddHelpDeskApplication</c>: Application holds the use cases, the host the network clients.
    /// </summary>
    public static IServiceCollection AddHelpDeskMail(this IServiceCollection services)
    {
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddOptions<ImapClientOptions>();
        services.AddSingleton<IMailboxConnectionTest, ImapMailboxConnectionTest>();
        return services;
    }

    /// <summary>Reads the active mailboxes into cases (HelpDesk:Email:ReadMailboxes; docs/email.md, "Reading").</summary>
    public static IServiceCollection AddMailboxReaders(this IServiceCollection services)
    {
        services.AddSingleton<MailboxReader>();
        services.AddHostedService<MailboxReaders>();
        return services;
    }
}

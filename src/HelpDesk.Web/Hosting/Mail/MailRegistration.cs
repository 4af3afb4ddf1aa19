using HelpDesk.Application.Features.Messages.Delivery;

namespace HelpDesk.Web.Hosting.Mail;

public static class MailRegistration
{
    /// <summary>
    /// The mail servers: the readers of the mailboxes, and the one behind the outbox's port (<see cref="IMailSender"/>). The host registers it,
    /// not <c>AddHelpDeskApplication</c>: Application holds the use cases, the host the network clients.
    /// </summary>
    public static IServiceCollection AddHelpDeskMail(this IServiceCollection services)
    {
        services.AddSingleton<IMailSender, SmtpMailSender>();
        // Reads the active mailboxes into cases (HelpDesk:Email:ReadMailboxes; docs/email.md, "Reading").
        services.AddSingleton<MailboxReader>();
        services.AddHostedService<MailboxReaders>();
        return services;
    }
}

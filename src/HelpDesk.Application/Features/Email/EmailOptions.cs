using HelpDesk.Domain.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Features.Email;

/// <summary>The <c>HelpDesk:Email</c> section: how much a received message may bring, and how often a mailbox without IDLE is polled.</summary>
public sealed class EmailOptions
{
    public const string Section = "HelpDesk:Email";

    public long MaxAttachmentBytes { get; set; } = AttachmentLimits.Default.MaxFileBytes;
    public long MaxMessageAttachmentBytes { get; set; } = AttachmentLimits.Default.MaxMessageBytes;

    /// <summary>How often a mailbox whose server has no IDLE is read; and the longest an IDLE waits before it is renewed.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    public AttachmentLimits AttachmentLimits => new(MaxAttachmentBytes, MaxMessageAttachmentBytes);

    public void Validate()
    {
        if (MaxAttachmentBytes < 1 || MaxMessageAttachmentBytes < MaxAttachmentBytes)
        {
            throw new StartupProblemException("HelpDesk:Email: MaxAttachmentBytes must be positive and MaxMessageAttachmentBytes at least MaxAttachmentBytes.");
        }

        if (PollInterval <= TimeSpan.Zero)
        {
            throw new StartupProblemException("HelpDesk:Email:PollInterval must be positive, for example 00:01:00.");
        }
    }
}

public static class EmailRegistration
{
    /// <summary>The options for reading mail (checked at start-up); the host adds the mailbox readers.</summary>
    public static IServiceCollection AddHelpDeskEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddSingleton<Mailboxes.MailboxPasswords>();
        return services;
    }
}

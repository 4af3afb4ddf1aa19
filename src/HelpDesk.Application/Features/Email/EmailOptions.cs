using HelpDesk.Domain.Conversations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Features.Email;

/// <summary>The <c>HelpDesk:Email</c> section: how much a received message may bring, and how the mailbox readers read (docs/email.md, "Reading").</summary>
public sealed class EmailOptions
{
    public const string Section = "HelpDesk:Email";

    public long MaxAttachmentBytes { get; set; } = AttachmentLimits.Default.MaxFileBytes;
    public long MaxMessageAttachmentBytes { get; set; } = AttachmentLimits.Default.MaxMessageBytes;

    /// <summary>How often a mailbox whose server has no IDLE is read; and the longest an IDLE waits before it is renewed.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether this app instance runs the mailbox readers. On by default: every instance may, the
    /// advisory lock lets one read a mailbox at a time; off for an instance that should only serve pages.
    /// </summary>
    public bool ReadMailboxes { get; set; } = true;

    /// <summary>How often the readers look again at which mailboxes are active, so one added, changed or paused is noticed.</summary>
    public TimeSpan MailboxListInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the first failure to reach a mailbox; it doubles with each further failure, up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromMinutes(5);

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

        if (MailboxListInterval <= TimeSpan.Zero)
        {
            throw new StartupProblemException("HelpDesk:Email:MailboxListInterval must be positive, for example 00:00:30.");
        }

        if (ReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < ReconnectDelay)
        {
            throw new StartupProblemException("HelpDesk:Email: ReconnectDelay must be positive and MaxReconnectDelay at least ReconnectDelay, for example 00:00:05 and 00:05:00.");
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

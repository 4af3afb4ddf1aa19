using HelpDesk.Domain.Messages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Application.Features.Messages;

/// <summary>
/// The <c>HelpDesk:Smtp</c> section: where email goes. With no <see cref="Host"/> (the run command's
/// default) messages are still queued and readable under /admin/messages/outbox, but none is sent.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "HelpDesk:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, StartTlsWhenAvailable, SslOnConnect or Auto (MailKit's choice by port).</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTlsWhenAvailable;

    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string SenderAddress { get; set; } = "helpdesk@helpdesk.local";
    public string SenderName { get; set; } = "HelpDesk";

    /// <summary>The right-hand side of every Message-Id; the sender address's domain when not set.</summary>
    public string? MessageIdDomain { get; set; }

    /// <summary>
    /// Where customers' replies go when their case did not come in through a mailbox (a phone call, the
    /// public form): a mailbox HelpDesk reads. Not set: no Reply-To, so replies go to the sender address.
    /// </summary>
    public string? ReplyAddress { get; set; }

    /// <summary>How long one SMTP operation (connect, send) may take before it counts as a failure.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public string IdDomain => string.IsNullOrWhiteSpace(MessageIdDomain) ? SenderAddress[(SenderAddress.LastIndexOf('@') + 1)..] : MessageIdDomain.Trim();

    public void Validate()
    {
        if (!MailboxAddress.TryParse(SenderAddress, out var sender) || sender.Address != SenderAddress.Trim() || HasControl(SenderAddress))
        {
            throw new StartupProblemException($"HelpDesk:Smtp:SenderAddress '{SenderAddress}' is not one email address (for example helpdesk@example.com).");
        }

        if (!string.IsNullOrWhiteSpace(ReplyAddress) && (!MailboxAddress.TryParse(ReplyAddress, out var reply) || reply.Address != ReplyAddress.Trim() || HasControl(ReplyAddress)))
        {
            throw new StartupProblemException($"HelpDesk:Smtp:ReplyAddress '{ReplyAddress}' is not one email address (for example support@example.com).");
        }

        if (Port is < 1 or > 65535)
        {
            throw new StartupProblemException($"HelpDesk:Smtp:Port must be 1 to 65535; {Port} is not.");
        }

        if (HasControl(SenderName) || HasControl(MessageIdDomain) || IdDomain.IndexOfAny(['@', '<', '>', ' ']) >= 0 || IdDomain.Length == 0)
        {
            throw new StartupProblemException("HelpDesk:Smtp:SenderName and MessageIdDomain must be single lines, and MessageIdDomain a bare domain such as helpdesk.example.com.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new StartupProblemException("HelpDesk:Smtp:Timeout must be positive, for example 00:00:30.");
        }
    }

    private static bool HasControl(string? text) => HeaderText.HasControlCharacters(text);
}

public enum SmtpSecurity
{
    None,
    StartTls,
    StartTlsWhenAvailable,
    SslOnConnect,
    Auto,
}

/// <summary>The <c>HelpDesk:Outbox</c> section: how the delivery worker polls, retries and shares work.</summary>
public sealed class OutboxOptions
{
    public const string Section = "HelpDesk:Outbox";

    /// <summary>How often the worker looks for due messages when nothing wakes it sooner.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failure; each further failure doubles it, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Failed attempts after which a message is given up (administrators can retry it).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How many due messages one worker claims at a time.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claim lasts: a worker that dies holding messages frees them after this.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    public RetrySchedule Schedule => new(RetryBaseDelay, RetryMaxDelay, MaxAttempts);

    public void Validate()
    {
        if (PollInterval <= TimeSpan.Zero || RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay || ClaimLease <= TimeSpan.Zero)
        {
            throw new StartupProblemException("HelpDesk:Outbox: PollInterval, RetryBaseDelay and ClaimLease must be positive, and RetryMaxDelay at least RetryBaseDelay.");
        }

        if (MaxAttempts < 1 || BatchSize < 1)
        {
            throw new StartupProblemException("HelpDesk:Outbox: MaxAttempts and BatchSize must be at least 1.");
        }
    }
}

public static class MessagingRegistration
{
    /// <summary>
    /// The outbox, its options (checked at start-up) and the delivery round; the host adds
    /// <see cref="Delivery.OutboxWorker"/> and the mail sender behind <see cref="Delivery.IMailSender"/>.
    /// </summary>
    public static IServiceCollection AddHelpDeskMessages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).Validate(o =>
        {
            o.Validate();
            return true;
        }).ValidateOnStart();
        services.AddScoped<MessageOutbox>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<Delivery.OutboxDelivery>();
        return services;
    }
}

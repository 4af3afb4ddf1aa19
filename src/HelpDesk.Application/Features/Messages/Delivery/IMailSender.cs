using HelpDesk.Domain.Messages;
using MimeKit;

namespace HelpDesk.Application.Features.Messages.Delivery;

/// <summary>
/// The way email leaves HelpDesk. The outbox decides what to send, when to try again and what each
/// attempt came to; the host plugs in how it goes on the wire (SMTP with MailKit,
/// <c>HelpDesk.Web/Hosting/Mail/SmtpMailSender.cs</c>), so no use case holds a network client
/// (docs/decisions/0004-infrastructure-host-side.md).
/// </summary>
public interface IMailSender
{
    /// <summary>False when no server is configured: messages stay in the outbox, unsent.</summary>
    bool IsConfigured { get; }

    /// <summary>A connection for one batch of messages.</summary>
    /// <exception cref="MailNotSentException">The server could not be reached or refused to talk.</exception>
    Task<IMailConnection> ConnectAsync(CancellationToken cancellationToken);
}

/// <summary>One open connection to the mail server; disposing it says goodbye and never throws.</summary>
public interface IMailConnection : IAsyncDisposable
{
    /// <summary>False once the connection is lost or in a state no further message should trust.</summary>
    bool IsUsable { get; }

    /// <exception cref="MailNotSentException">This message was not accepted.</exception>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// A message the server did not take, in the words the attempts list shows administrators
/// (<see cref="Reason"/>, which may quote the recipient's address) and a short <see cref="Cause"/>
/// with no personal data, for the log.
/// </summary>
public sealed class MailNotSentException(DeliveryOutcome outcome, string reason, string cause, Exception? innerException = null)
    : Exception(reason, innerException)
{
    /// <summary><see cref="DeliveryOutcome.Rejected"/> when the server refused for good; otherwise worth another try.</summary>
    public DeliveryOutcome Outcome { get; } = outcome;

    public string Reason { get; } = reason;

    public string Cause { get; } = cause;
}

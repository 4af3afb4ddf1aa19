using HelpDesk.Domain.Messages;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.Application.Features.Messages.Delivery;

/// <summary>Turns outbox rows into MIME messages and hands them to the configured SMTP server with MailKit.</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>A connected (and, with credentials, authenticated) client for one batch.</summary>
    public async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.SocketOptions, cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    public async Task SendAsync(SmtpClient client, OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var mime = Compose(message);
        await client.SendAsync(mime, cancellationToken);
    }

    /// <summary>
    /// The message as it goes on the wire. The address was checked when the message was queued; it is
    /// checked again here, and every name and the subject are single lines, so nothing stored in the
    /// outbox can add a header or a recipient.
    /// </summary>
    public MimeMessage Compose(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value;
        var to = MessageOutbox.RecipientAddress(message.RecipientAddress, smtp.SenderAddress);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(HeaderText.OneLine(smtp.SenderName), smtp.SenderAddress));
        mime.To.Add(new MailboxAddress(HeaderText.OneLine(message.RecipientName), to));
        mime.Subject = HeaderText.OneLine(message.Subject);
        mime.MessageId = message.MessageId;
        mime.Date = message.CreatedAt;
        mime.Headers.Add("X-HelpDesk-Template", message.TemplateKey);
        mime.Body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody }.ToMessageBody();
        return mime;
    }
}

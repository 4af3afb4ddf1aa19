using HelpDesk.Domain.Messages;
using MimeKit;

namespace HelpDesk.Application.Features.Messages.Delivery;

/// <summary>An outbox row as the MIME message that goes on the wire, whatever carries it.</summary>
public static class OutgoingMail
{
    /// <summary>
    /// The address was checked when the message was queued; it is checked again here, and every name
    /// and the subject are single lines, so nothing stored in the outbox can add a header or a recipient.
    /// </summary>
    /// <summary>A file sent with the message, under the safe name and the detected type it was kept with.</summary>
    public sealed record File(string Name, string ContentType, byte[] Content);

    public static MimeMessage Compose(OutboxMessage message, SmtpOptions smtp, IReadOnlyList<File>? files = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(smtp);
        var to = MessageOutbox.RecipientAddress(message.RecipientAddress, smtp.SenderAddress);
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(HeaderText.OneLine(smtp.SenderName), smtp.SenderAddress));
        mime.To.Add(new MailboxAddress(HeaderText.OneLine(message.RecipientName), to));
        mime.Subject = HeaderText.OneLine(message.Subject);
        mime.MessageId = message.MessageId;
        // A customer's email about a case answers their latest message and says where replies go
        // (docs/email.md, "Outgoing mail threads too"); the outbox row holds what was worked out at queueing.
        if (message.InReplyTo is { } inReplyTo)
        {
            mime.InReplyTo = inReplyTo;
        }

        if (message.References is { } references)
        {
            mime.References.AddRange(references.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }

        if (message.ReplyTo is { } replyTo && MailboxAddress.TryParse(ParserOptions.Default, replyTo, out var replyAddress) && replyAddress.Route.Count == 0)
        {
            mime.ReplyTo.Add(new MailboxAddress(HeaderText.OneLine(smtp.SenderName), replyAddress.Address));
        }

        mime.Date = message.CreatedAt;
        mime.Headers.Add("X-HelpDesk-Template", message.TemplateKey);
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        foreach (var file in files ?? [])
        {
            body.Attachments.Add(file.Name, file.Content, ContentType.Parse(file.ContentType));
        }

        mime.Body = body.ToMessageBody();
        return mime;
    }
}

using MimeKit;

namespace HelpDesk.Testing;

/// <summary>A customer's plain-text email as their mail program would send it, and its raw bytes as a mailbox holds them.</summary>
public static class TestEmail
{
    public static MimeMessage From(MailboxAddress from, MailboxAddress to, string subject, string text, string? inReplyTo = null)
    {
        var email = new MimeMessage();
        email.From.Add(from);
        email.To.Add(to);
        email.Subject = subject;
        email.MessageId = $"{Guid.NewGuid():N}@mail.example.com";
        email.Date = DateTimeOffset.UtcNow;
        if (inReplyTo is not null)
        {
            email.InReplyTo = inReplyTo;
            email.References.Add(inReplyTo);
        }

        email.Body = new TextPart("plain") { Text = text };
        return email;
    }

    public static byte[] Raw(MimeMessage email)
    {
        ArgumentNullException.ThrowIfNull(email);
        using var stream = new MemoryStream();
        email.WriteTo(stream);
        return stream.ToArray();
    }
}

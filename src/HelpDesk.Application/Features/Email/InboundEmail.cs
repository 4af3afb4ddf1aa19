using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using HelpDesk.Domain.Conversations;
using MimeKit;

namespace HelpDesk.Application.Features.Email;

/// <summary>
/// One received email read out of its MIME form (docs/email.md, "Content"): who sent it, what it
/// answers, its text (the plain part preferred, HTML turned into text, never kept as HTML), its
/// files, and, for a delivery failure report, which of our messages failed.
/// </summary>
public sealed class InboundEmail
{
    private readonly MimeMessage _mime;

    private InboundEmail(MimeMessage mime, byte[] raw)
    {
        _mime = mime;
        MessageId = Clean(mime.MessageId);
        Key = MessageId is { Length: > 0 and <= MailReceipt.KeyMaxLength } id ? id : HashKey(raw);
        var from = mime.From.Mailboxes.FirstOrDefault();
        FromAddress = Clean(from?.Address);
        FromName = Clean(from?.Name);
        var replyTo = mime.ReplyTo.Mailboxes.FirstOrDefault();
        ReplyToAddress = Clean(replyTo?.Address);
        ReplyToName = Clean(replyTo?.Name);
        Subject = Clean(mime.Subject) ?? "";
        ThreadIds = [.. (mime.InReplyTo is { } inReplyTo ? [Clean(inReplyTo)] : Array.Empty<string?>())
            .Concat(mime.References.Select(Clean))
            .OfType<string>()
            .Where(i => i.Length > 0)
            .Distinct(StringComparer.Ordinal)];
        Text = TextOf(mime);
        References = ThreadIds.Count == 0 ? null : string.Join(' ', mime.References.Select(Clean).OfType<string>().Append(Clean(mime.InReplyTo)).OfType<string>().Distinct(StringComparer.Ordinal));
        FailedMessageId = DeliveryReport.FailedMessageId(mime);
        FailureReason = FailedMessageId is null ? null : DeliveryReport.Reason(mime);
    }

    /// <summary>What makes it handled exactly once in its mailbox: its Message-ID, else a hash of the raw message.</summary>
    public string Key { get; }

    public string? MessageId { get; }
    public string? FromAddress { get; }
    public string? FromName { get; }
    public string? ReplyToAddress { get; }
    public string? ReplyToName { get; }
    public string Subject { get; }

    /// <summary>In-Reply-To first, then References, newest first as the message gave them: the first threading rule reads them.</summary>
    public IReadOnlyList<string> ThreadIds { get; }

    /// <summary>The thread as a reply to this message would carry it.</summary>
    public string? References { get; }

    public string Text { get; }

    /// <summary>For a delivery failure report: the Message-ID of the message that could not be delivered.</summary>
    public string? FailedMessageId { get; }

    public string? FailureReason { get; }

    /// <summary>The key of a message without a usable Message-ID, or one that cannot be read at all.</summary>
    public static string HashKey(byte[] raw) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(raw));

    public static InboundEmail Read(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        using var stream = new MemoryStream(raw, writable: false);
        return new InboundEmail(MimeMessage.Load(stream), raw);
    }

    /// <summary>A header's first value, or null: for the loop and noise rules.</summary>
    public string? Header(string name) => _mime.Headers[name] is { Length: > 0 } value ? value : null;

    /// <summary>The files that fit the limits, and one sentence naming the rest.</summary>
    public (IReadOnlyList<(string Name, byte[] Content)> Kept, string? Refused) Files(AttachmentLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var files = new List<(string Name, byte[] Content)>();
        foreach (var part in _mime.Attachments.OfType<MimePart>())
        {
            using var content = new MemoryStream();
            part.Content?.DecodeTo(content);
            files.Add((part.FileName ?? part.ContentType.Name ?? "attachment", content.ToArray()));
        }

        var (kept, refused) = limits.Choose([.. files.Select(f => (f.Name, (long)f.Content.LongLength))]);
        return ([.. kept.Select(i => files[i])], refused);
    }

    private static string TextOf(MimeMessage mime)
    {
        if (mime.TextBody is { Length: > 0 } text)
        {
            return text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        }

        return mime.HtmlBody is { Length: > 0 } html ? HtmlText.Of(html) : "";
    }

    private static string? Clean(string? value)
    {
        var trimmed = value?.Trim().Trim('<', '>').Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Domain.Messages.HeaderText.OneLine(trimmed);
    }
}

/// <summary>
/// HTML as text for staff to read: scripts, styles and every attribute dropped (an <c>onerror</c> is
/// never run because nothing is ever rendered as HTML), block elements on lines of their own, links
/// with their address. Parsed with AngleSharp, a real HTML5 parser, never with regular expressions.
/// </summary>
public static class HtmlText
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "template", "noscript", "svg", "math", "object", "iframe" };
    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol", "section", "article", "header", "footer", "hr",
    };

    public static string Of(string html)
    {
        var document = new HtmlParser().ParseDocument(html ?? "");
        var text = new StringBuilder();
        Append(document.Body ?? (INode)document, text);
        var lines = text.ToString().Split('\n').Select(l => string.Join(' ', l.Split([' ', '\t', '\u00A0'], StringSplitOptions.RemoveEmptyEntries)));
        return string.Join('\n', CollapseBlankLines(lines)).Trim();
    }

    private static void Append(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t:
                    text.Append(t.Data.Replace('\n', ' ').Replace('\r', ' '));
                    break;
                case IElement e when Dropped.Contains(e.LocalName):
                    break;
                case IElement e:
                    var block = Blocks.Contains(e.LocalName);
                    if (block)
                    {
                        text.Append('\n');
                    }

                    Append(e, text);
                    if (e.LocalName.Equals("a", StringComparison.OrdinalIgnoreCase) && e.GetAttribute("href") is { Length: > 0 } href
                        && !href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && !e.TextContent.Contains(href, StringComparison.Ordinal))
                    {
                        text.Append(" (").Append(href).Append(')');
                    }

                    if (block)
                    {
                        text.Append('\n');
                    }

                    break;
            }
        }
    }

    private static IEnumerable<string> CollapseBlankLines(IEnumerable<string> lines)
    {
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                if (!blank)
                {
                    yield return line;
                }

                blank = true;
                continue;
            }

            blank = false;
            yield return line;
        }
    }
}

/// <summary>
/// A delivery status notification (RFC 3464, <c>multipart/report; report-type=delivery-status</c>):
/// which of our messages it reports as failed, and the server's words.
/// </summary>
internal static class DeliveryReport
{
    public static string? FailedMessageId(MimeMessage mime)
    {
        if (mime.Body is not MultipartReport { ReportType: var type } report || !string.Equals(type, "delivery-status", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Failed(report))
        {
            return null;
        }

        // message/rfc822 and text/rfc822-headers (a MessagePart too in MimeKit) carry the failed message's headers.
        if (report.OfType<MessagePart>().Select(p => p.Message?.MessageId).FirstOrDefault(id => !string.IsNullOrWhiteSpace(id)) is { } failed)
        {
            return failed.Trim('<', '>');
        }

        return mime.InReplyTo?.Trim('<', '>') ?? mime.References.FirstOrDefault();
    }

    public static string Reason(MimeMessage mime)
    {
        var status = (mime.Body as MultipartReport)?.OfType<MessageDeliveryStatus>().FirstOrDefault();
        var recipient = status?.StatusGroups.Skip(1).FirstOrDefault();
        var diagnostic = recipient?["Diagnostic-Code"] ?? recipient?["Status"];
        return string.IsNullOrWhiteSpace(diagnostic) ? "The recipient's server reported the message undelivered." : diagnostic.Trim();
    }

    // "delayed" and "delivered" reports are not failures; only "failed" is.
    private static bool Failed(MultipartReport report)
    {
        var status = report.OfType<MessageDeliveryStatus>().FirstOrDefault();
        if (status is null)
        {
            return true;
        }

        var actions = status.StatusGroups.Skip(1).Select(g => g["Action"]?.Trim()).OfType<string>().ToList();
        return actions.Count == 0 || actions.Any(a => a.Equals("failed", StringComparison.OrdinalIgnoreCase));
    }
}

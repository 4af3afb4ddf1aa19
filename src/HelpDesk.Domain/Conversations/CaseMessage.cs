using System.Linq.Expressions;
using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Conversations;

/// <summary>Who wrote a message on a case.</summary>
public enum MessageAuthor
{
    /// <summary>The case's customer, or an address already in the case's conversation.</summary>
    Customer,

    /// <summary>Anyone else: kept for staff as an internal entry, with no effect on the clocks.</summary>
    OtherSender,

    /// <summary>A machine (auto-reply, list, bulk): kept for staff, never acknowledged, no effect.</summary>
    Automatic,

    /// <summary>A member of staff replying to the customer.</summary>
    Staff,
}

/// <summary>How a message reached the case, or left it.</summary>
public enum MessageChannel
{
    Email,

    /// <summary>Written on the customer's status page.</summary>
    StatusPage,

    /// <summary>A staff reply given by phone, letter or in person and recorded on the case.</summary>
    Recorded,
}

/// <summary>
/// One message in a case's conversation (docs/email.md): what the customer wrote, what someone else
/// wrote about the case, or a staff reply. The text shown is what was new in it (quoted history
/// trimmed); the whole text is kept for staff. Only the customer's own messages and staff replies
/// reach the customer.
/// </summary>
public sealed class CaseMessage
{
    public const int AddressMaxLength = 320;
    public const int NameMaxLength = 200;
    public const int SubjectMaxLength = 1_000;
    public const int MessageIdMaxLength = 998;
    public const int TextMaxLength = 100_000;

    private readonly List<CaseAttachment> _attachments = [];

    private CaseMessage() { }

    public long Id { get; private set; }
    public long ComplaintId { get; private set; }
    public MessageAuthor Author { get; private set; }
    public MessageChannel Channel { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? FromAddress { get; private set; }
    public string? FromName { get; private set; }
    public string Subject { get; private set; } = "";

    /// <summary>What was new in the message: shown on the case (and to the customer when it is theirs).</summary>
    public string Text { get; private set; } = "";

    /// <summary>The whole text as it arrived, quoted history and all, for staff to open.</summary>
    public string FullText { get; private set; } = "";

    /// <summary>The email's Message-ID (without angle brackets); replies thread on it.</summary>
    public string? EmailMessageId { get; private set; }

    /// <summary>The email's own References and In-Reply-To, so a reply to it carries the whole thread.</summary>
    public string? References { get; private set; }

    public int? MailboxId { get; private set; }

    /// <summary>The outgoing email a staff reply was sent as.</summary>
    public Guid? OutboxMessageId { get; private set; }

    /// <summary>The attachments that were not kept, and why, in one sentence for the reader.</summary>
    public string? Refused { get; private set; }

    /// <summary>
    /// The one rule for which messages reach the customer, their own and staff replies (never another
    /// sender's or a machine's), as a query the database runs; <see cref="VisibleToCustomer"/> is the
    /// same rule for one message in hand.
    /// </summary>
    public static readonly Expression<Func<CaseMessage, bool>> ShownToCustomer = m => m.Author == MessageAuthor.Customer || m.Author == MessageAuthor.Staff;

    private static readonly Func<CaseMessage, bool> IsShownToCustomer = ShownToCustomer.Compile();

    public bool VisibleToCustomer => IsShownToCustomer(this);

    public IReadOnlyList<CaseAttachment> Attachments => _attachments;

    public static CaseMessage Received(long complaintId, MessageAuthor author, MessageChannel channel, ReceivedMessage message, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (author == MessageAuthor.Staff)
        {
            throw new ArgumentException("A received message is not written by staff.", nameof(author));
        }

        var entry = new CaseMessage
        {
            ComplaintId = complaintId,
            Author = author,
            Channel = channel,
            At = at.ToUniversalTime(),
            FromAddress = OneLine(message.FromAddress, AddressMaxLength),
            FromName = OneLine(message.FromName, NameMaxLength),
            Subject = OneLine(message.Subject, SubjectMaxLength) ?? "",
            FullText = Clip(message.FullText),
            Text = Clip(QuotedHistory.Trim(message.FullText)),
            EmailMessageId = OneLine(message.EmailMessageId, MessageIdMaxLength),
            References = OneLine(message.References, MessageIdMaxLength * 4),
            MailboxId = message.MailboxId,
            Refused = message.Refused,
        };
        entry._attachments.AddRange(message.Attachments);
        return entry;
    }

    public static CaseMessage Reply(long complaintId, string staffName, string text, MessageChannel channel, string? subject, string? emailMessageId, Guid? outboxMessageId, DateTimeOffset at, IReadOnlyList<CaseAttachment>? attachments = null)
    {
        var body = string.IsNullOrWhiteSpace(text) ? throw new DomainRuleException("The reply is empty.") : text.Trim();
        if (attachments is { Count: > 0 } && channel != MessageChannel.Email)
        {
            throw new DomainRuleException("Files go with an emailed reply only.");
        }

        var reply = new CaseMessage
        {
            ComplaintId = complaintId,
            Author = MessageAuthor.Staff,
            Channel = channel,
            At = at.ToUniversalTime(),
            FromName = OneLine(staffName, NameMaxLength),
            Subject = OneLine(subject, SubjectMaxLength) ?? "",
            Text = Clip(body),
            FullText = Clip(body),
            EmailMessageId = OneLine(emailMessageId, MessageIdMaxLength),
            OutboxMessageId = outboxMessageId,
        };
        reply._attachments.AddRange(attachments ?? []);
        return reply;
    }

    private static string? OneLine(string? text, int max) =>
        HeaderText.OneLine(text) is { Length: > 0 } line ? (line.Length <= max ? line : line[..max]) : null;

    private static string Clip(string? text) => text is null ? "" : text.Length <= TextMaxLength ? text : text[..TextMaxLength];
}

/// <summary>A message as it arrived, read out of its MIME form by the application.</summary>
public sealed record ReceivedMessage(
    string? FromAddress,
    string? FromName,
    string? Subject,
    string FullText,
    string? EmailMessageId,
    string? References,
    int? MailboxId,
    IReadOnlyList<CaseAttachment> Attachments,
    string? Refused);

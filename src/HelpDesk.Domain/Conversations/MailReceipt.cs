using HelpDesk.Domain.Messages;

namespace HelpDesk.Domain.Conversations;

/// <summary>What reading one message did (docs/email.md, "What happens to a message").</summary>
public enum MailOutcome
{
    /// <summary>Logged a new case.</summary>
    NewCase,

    /// <summary>Joined a case as the customer's message.</summary>
    CustomerMessage,

    /// <summary>Joined a case as an internal entry: someone other than the customer wrote.</summary>
    OtherSender,

    /// <summary>An automatic message (auto-reply, list, bulk) kept on a case or as an unacknowledged case.</summary>
    Automatic,

    /// <summary>A delivery failure report: the outgoing message it names was marked bounced.</summary>
    Bounce,

    /// <summary>Nothing recorded: our own mail coming back, or a report for a message we never sent.</summary>
    Ignored,
}

/// <summary>
/// A message a mailbox has handled, keyed by mailbox and message key (its Message-ID, else a hash of
/// the raw message): written in the same transaction as its effect, so a message handled once is
/// never handled again, whichever reader or restart sees it next.
/// </summary>
public sealed class MailReceipt
{
    public const int KeyMaxLength = 998;
    public const int NoteMaxLength = 2_000;

    /// <summary>Failures after which a message is set aside in <see cref="Mailbox.FailedFolder"/>.</summary>
    public const int MaxAttempts = 5;

    private MailReceipt() { }

    public MailReceipt(int mailboxId, string messageKey, MailOutcome outcome, long? complaintId, string? note, DateTimeOffset handledAt)
    {
        MailboxId = mailboxId;
        MessageKey = messageKey;
        Outcome = outcome;
        ComplaintId = complaintId;
        Note = Clip(note);
        HandledAt = handledAt;
    }

    public int MailboxId { get; private set; }
    public string MessageKey { get; private set; } = "";
    public MailOutcome Outcome { get; private set; }
    public long? ComplaintId { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset HandledAt { get; private set; }

    internal static string? Clip(string? text) => text is null ? null : HeaderText.OneLine(text) is { Length: > NoteMaxLength } t ? t[..NoteMaxLength] : HeaderText.OneLine(text);
}

/// <summary>
/// A message that could not be handled: how often it failed and why, so a reader gives up after
/// <see cref="MailReceipt.MaxAttempts"/> and staff see the reason on the mailbox's page.
/// </summary>
public sealed class MailFailure
{
    private MailFailure() { }

    public MailFailure(int mailboxId, string messageKey, string? subject, string? sender)
    {
        MailboxId = mailboxId;
        MessageKey = messageKey;
        Subject = MailReceipt.Clip(subject);
        Sender = MailReceipt.Clip(sender);
    }

    public int MailboxId { get; private set; }
    public string MessageKey { get; private set; } = "";
    public string? Subject { get; private set; }
    public string? Sender { get; private set; }
    public int Attempts { get; private set; }
    public string Error { get; private set; } = "";
    public DateTimeOffset LastAttemptAt { get; private set; }

    /// <summary>When the message was moved to <see cref="Mailbox.FailedFolder"/>; null while it is still retried.</summary>
    public DateTimeOffset? SetAsideAt { get; private set; }

    public bool ShouldSetAside => Attempts >= MailReceipt.MaxAttempts;

    public void RecordAttempt(string error, DateTimeOffset at)
    {
        Attempts++;
        Error = MailReceipt.Clip(error) ?? "";
        LastAttemptAt = at;
    }

    public void RecordSetAside(DateTimeOffset at) => SetAsideAt = at;
}

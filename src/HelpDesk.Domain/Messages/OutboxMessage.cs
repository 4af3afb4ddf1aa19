namespace HelpDesk.Domain.Messages;

public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (or for SMTP to be configured).</summary>
    Pending,
    Sent,

    /// <summary>Failed on every allowed attempt; an administrator may retry it.</summary>
    GivenUp,
}

public enum DeliveryOutcome
{
    Sent,

    /// <summary>The server could not be reached or answered with a temporary (4xx) error.</summary>
    Failed,

    /// <summary>The server refused the message or its recipient for good (5xx).</summary>
    Rejected,
}

/// <summary>When to try again after a failure, and when to stop: exponential back-off up to a ceiling.</summary>
public sealed record RetrySchedule(TimeSpan BaseDelay, TimeSpan MaxDelay, int MaxAttempts)
{
    public TimeSpan DelayAfter(int failedAttempts)
    {
        var doublings = Math.Clamp(failedAttempts - 1, 0, 30);
        var delay = BaseDelay.Ticks * Math.Pow(2, doublings);
        return delay >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)delay);
    }
}

/// <summary>
/// An email HelpDesk owes someone, written in the same transaction as the change that caused it,
/// so it exists exactly when the change does. A background worker delivers it and records each try.
/// </summary>
public sealed class OutboxMessage
{
    public const int AddressMaxLength = 320;
    public const int NameMaxLength = 200;
    public const int ErrorMaxLength = 2_000;
    public const int ThreadingMaxLength = 4_000;

    private readonly List<DeliveryAttempt> _deliveryAttempts = [];

    private OutboxMessage() { }

    public Guid Id { get; private set; }

    /// <summary>The Message-Id header (without angle brackets), fixed at queueing so every retry carries the same one.</summary>
    public string MessageId { get; private set; } = "";

    public string TemplateKey { get; private set; } = "";
    public long? CaseId { get; private set; }
    public string RecipientAddress { get; private set; } = "";
    public string? RecipientName { get; private set; }
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public OutboxStatus Status { get; private set; }

    /// <summary>Failed attempts since it was queued or last retried by hand.</summary>
    public int Attempts { get; private set; }

    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>A worker's claim: no other worker takes the message until this passes, so a crashed worker's claim runs out.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    /// <summary>Which claim this is; a worker whose claim ran out and was taken over cannot record an outcome.</summary>
    public Guid? ClaimToken { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The customer's latest message this one answers (without angle brackets), so their mail program threads it.</summary>
    public string? InReplyTo { get; private set; }

    /// <summary>The thread's Message-IDs, space-separated, oldest first.</summary>
    public string? References { get; private set; }

    /// <summary>The mailbox the customer's reply should go to.</summary>
    public string? ReplyTo { get; private set; }

    /// <summary>When a delivery failure report came back for this message, and what it said.</summary>
    public DateTimeOffset? BouncedAt { get; private set; }
    public string? BounceReason { get; private set; }

    public IReadOnlyList<DeliveryAttempt> DeliveryAttempts => _deliveryAttempts;

    public static OutboxMessage Queue(Guid id, string messageId, string templateKey, string recipientAddress, string? recipientName, RenderedMessage content, long? caseId, DateTimeOffset now, MessageThreading? threading = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (string.IsNullOrWhiteSpace(recipientAddress) || recipientAddress.Length > AddressMaxLength || HeaderText.HasControlCharacters(recipientAddress))
        {
            throw new DomainRuleException("A message needs one recipient address on one line.");
        }

        return new OutboxMessage
        {
            Id = id,
            MessageId = messageId,
            TemplateKey = templateKey,
            CaseId = caseId,
            RecipientAddress = recipientAddress.Trim(),
            RecipientName = HeaderText.OneLine(recipientName) is { Length: > 0 } name ? Truncate(name, NameMaxLength) : null,
            Subject = HeaderText.OneLine(content.Subject),
            TextBody = content.TextBody,
            HtmlBody = content.HtmlBody,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
            InReplyTo = Header(threading?.InReplyTo),
            References = Header(threading?.References),
            ReplyTo = Header(threading?.ReplyTo),
        };
    }

    /// <summary>A delivery failure report named this message: the recipient never got it.</summary>
    public void RecordBounce(string reason, DateTimeOffset at)
    {
        BouncedAt = at;
        BounceReason = Truncate(HeaderText.OneLine(reason) is { Length: > 0 } r ? r : "The recipient's server reported the message undelivered.", ErrorMaxLength);
    }

    private static string? Header(string? value) => HeaderText.OneLine(value) is { Length: > 0 } line ? Truncate(line, ThreadingMaxLength) : null;

    public void RecordSent(DateTimeOffset at, string? worker)
    {
        _deliveryAttempts.Add(new DeliveryAttempt(Id, at, DeliveryOutcome.Sent, null, worker));
        Status = OutboxStatus.Sent;
        SentAt = at;
        LastError = null;
        ReleaseClaim();
    }

    /// <summary>A failed try: back off before the next, or give up once the schedule's attempts are spent.</summary>
    public void RecordFailure(DateTimeOffset at, DeliveryOutcome outcome, string error, RetrySchedule schedule, string? worker)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (outcome == DeliveryOutcome.Sent)
        {
            throw new ArgumentException("A failure cannot be a success.", nameof(outcome));
        }

        var text = Truncate(error, ErrorMaxLength);
        _deliveryAttempts.Add(new DeliveryAttempt(Id, at, outcome, text, worker));
        Attempts++;
        LastError = text;
        if (Attempts >= schedule.MaxAttempts)
        {
            Status = OutboxStatus.GivenUp;
        }
        else
        {
            NextAttemptAt = at + schedule.DelayAfter(Attempts);
        }

        ReleaseClaim();
    }

    /// <summary>An administrator sends a given-up message again: it gets a fresh set of attempts, starting now.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status != OutboxStatus.GivenUp)
        {
            throw new DomainRuleException("Only a message HelpDesk has given up on can be retried.");
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        ReleaseClaim();
    }

    private void ReleaseClaim()
    {
        ClaimedUntil = null;
        ClaimToken = null;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>How an email about a case joins its thread: what it answers, the thread so far, and where replies go.</summary>
public sealed record MessageThreading(string? InReplyTo, string? References, string? ReplyTo)
{
    /// <summary>
    /// An email answering the customer's message <paramref name="customerMessageId"/> (none: the case
    /// has no email from them yet), whose own References were <paramref name="customerReferences"/>:
    /// In-Reply-To that message, References its thread with it last (RFC 5322 3.6.4). A thread too
    /// long for the column keeps its first message and its latest ones, as mail programs do.
    /// </summary>
    public static MessageThreading Answering(string? customerMessageId, string? customerReferences, string? replyTo)
    {
        var answered = Id(customerMessageId);
        var ids = (customerReferences ?? "").Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries)
            .Select(Id).OfType<string>()
            .Append(answered).OfType<string>()
            .Distinct(StringComparer.Ordinal).ToList();
        while (ids.Count > 2 && string.Join(' ', ids).Length > OutboxMessage.ThreadingMaxLength)
        {
            ids.RemoveAt(1);
        }

        return new MessageThreading(answered, ids.Count == 0 ? null : string.Join(' ', ids), replyTo);
    }

    private static string? Id(string? messageId) => HeaderText.OneLine(messageId).Trim().Trim('<', '>') is { Length: > 0 } id ? id : null;
}

/// <summary>One try at delivering a message: when, what happened, and the server's words if it failed.</summary>
public sealed class DeliveryAttempt
{
    private DeliveryAttempt() { }

    public DeliveryAttempt(Guid outboxMessageId, DateTimeOffset attemptedAt, DeliveryOutcome outcome, string? error, string? worker)
    {
        OutboxMessageId = outboxMessageId;
        AttemptedAt = attemptedAt;
        Outcome = outcome;
        Error = error;
        Worker = worker;
    }

    public long Id { get; private set; }
    public Guid OutboxMessageId { get; private set; }
    public DateTimeOffset AttemptedAt { get; private set; }
    public DeliveryOutcome Outcome { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The app instance that tried, so a duplicate or a stuck claim can be traced.</summary>
    public string? Worker { get; private set; }
}

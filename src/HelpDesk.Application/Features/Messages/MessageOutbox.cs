using HelpDesk.Domain;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.Application.Features.Messages;

/// <summary>Who a message goes to: one email address and, optionally, the name to show beside it.</summary>
public sealed record MessageRecipient(string Address, string? Name = null);

/// <summary>
/// The one way features send email. <see cref="QueueAsync"/> renders the template and adds the
/// message to the caller's DbContext without saving: the caller's own SaveChanges writes the message
/// and the change that caused it in one transaction, so a change that fails leaves no message
/// behind and a change that succeeds cannot lose its message. The delivery worker sends it later.
/// </summary>
/// <example>
/// <code>
/// await outbox.QueueAsync(db, TemplateKeys.AcknowledgementEmail,
///     new MessageRecipient(complaint.Customer.Email!, complaint.Customer.Name),
///     new Dictionary&lt;string, string?&gt; { [Placeholders.Reference] = complaint.Reference, ... },
///     complaint.Id, cancellationToken);
/// await db.SaveChangesAsync(cancellationToken);
/// </code>
/// </example>
public sealed class MessageOutbox(TimeProvider time, IOptions<SmtpOptions> smtp, OutboxSignal signal, Customers.StatusLink statusLink)
{
    private readonly HashSet<DbContext> _watched = [];

    /// <summary>
    /// Renders <paramref name="templateKey"/> with <paramref name="values"/> (one for every placeholder
    /// the message allows; null inserts nothing) and adds it to <paramref name="db"/>'s outbox.
    /// </summary>
    /// <exception cref="DomainRuleException">The recipient is not one valid email address, or is HelpDesk's own.</exception>
    /// <exception cref="ArgumentException">The key is not an email message, or a placeholder has no value.</exception>
    public async Task<OutboxMessage> QueueAsync(HelpDeskDbContext db, string templateKey, MessageRecipient recipient, IReadOnlyDictionary<string, string?> values, long? caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        var definition = StandardMessages.Find(templateKey) ?? throw new ArgumentException($"'{templateKey}' is not one of HelpDesk's messages.", nameof(templateKey));
        if (definition.Medium != MessageMedium.Email)
        {
            throw new ArgumentException($"'{templateKey}' is a letter to print, not an email: use RenderAsync.", nameof(templateKey));
        }

        var address = RecipientAddress(recipient.Address, smtp.Value.SenderAddress);
        var thread = definition.Audience == MessageAudience.Customer && caseId is { } id ? await CaseThreadAsync(db, id, cancellationToken) : null;
        if (definition.Placeholders.Contains(Placeholders.StatusLink, StringComparer.Ordinal))
        {
            // The one place the status link is made (docs/security.md, "The customer's status link"): for
            // the address this email goes to; an email about no case has no case to link to.
            values = new Dictionary<string, string?>(values, StringComparer.Ordinal) { [Placeholders.StatusLink] = thread is null ? null : statusLink.LinkFor(thread.Reference, address) };
        }

        var content = await RenderAsync(db, templateKey, values, cancellationToken);
        MessageThreading? threading = null;
        if (thread is not null)
        {
            // The one place every customer email about a case is threaded (docs/email.md, "Outgoing mail threads too").
            content = CaseEmail.Threaded(content, thread.Reference);
            threading = MessageThreading.Answering(thread.CustomerMessageId, thread.CustomerReferences, thread.MailboxReplyAddress ?? Blank(smtp.Value.ReplyAddress));
        }

        var messageId = Guid.NewGuid();
        var message = OutboxMessage.Queue(messageId, $"{messageId:N}@{smtp.Value.IdDomain}", templateKey, address, recipient.Name, content, caseId, time.GetUtcNow(), threading);
        db.OutboxMessages.Add(message);
        WakeDeliveryAfterSave(db);
        return message;
    }

    private sealed record CaseThread(string Reference, string? CustomerMessageId, string? CustomerReferences, string? MailboxReplyAddress);

    /// <summary>
    /// The case's reference, the customer's latest email on it, and the reply address of the mailbox
    /// the case came in on. A step that queues mail in the same save as the message it answers (a new
    /// email case's acknowledgement) has that message only in the change tracker, so it is looked at too.
    /// </summary>
    private static async Task<CaseThread> CaseThreadAsync(HelpDeskDbContext db, long caseId, CancellationToken cancellationToken)
    {
        var reference = db.Complaints.Local.FirstOrDefault(c => c.Id == caseId)?.Reference
            ?? await db.Complaints.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync(cancellationToken);
        var unsaved = db.CaseMessages.Local.Where(m => m.ComplaintId == caseId && db.Entry(m).State == EntityState.Added).OrderBy(m => m.At).ToList();
        var latest = unsaved.LastOrDefault(m => m.Author == MessageAuthor.Customer && m.EmailMessageId != null) is { } added
            ? new { added.EmailMessageId, added.References }
            : await db.CaseMessages.AsNoTracking()
                .Where(m => m.ComplaintId == caseId && m.Author == MessageAuthor.Customer && m.EmailMessageId != null)
                .OrderByDescending(m => m.At).ThenByDescending(m => m.Id)
                .Select(m => new { m.EmailMessageId, m.References })
                .FirstOrDefaultAsync(cancellationToken);
        var firstMailbox = await db.CaseMessages.AsNoTracking()
            .Where(m => m.ComplaintId == caseId && m.MailboxId != null)
            .OrderBy(m => m.At).ThenBy(m => m.Id)
            .Select(m => m.MailboxId)
            .FirstOrDefaultAsync(cancellationToken)
            ?? unsaved.FirstOrDefault(m => m.MailboxId != null)?.MailboxId;
        var replyAddress = firstMailbox is { } mailboxId
            ? await db.Mailboxes.AsNoTracking().Where(b => b.Id == mailboxId).Select(b => b.ReplyAddress).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new CaseThread(reference, latest?.EmailMessageId, latest?.References, Blank(replyAddress));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>The template as administrators last edited it, with the values in: for a letter to print, or a preview.</summary>
    public async Task<RenderedMessage> RenderAsync(HelpDeskDbContext db, string templateKey, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(values);
        var definition = StandardMessages.Find(templateKey) ?? throw new ArgumentException($"'{templateKey}' is not one of HelpDesk's messages.", nameof(templateKey));
        var missing = definition.Placeholders.Where(p => !values.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"The {definition.Name} message needs a value for {string.Join(", ", missing.Select(m => "{" + m + "}"))} (null if there is none).", nameof(values));
        }

        var template = await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Key == templateKey, cancellationToken)
            ?? MessageTemplate.Standard(definition);
        return template.Render(values.ToDictionary(v => v.Key, v => v.Value ?? "", StringComparer.Ordinal));
    }

    /// <summary>
    /// One email address, exactly: MimeKit must read it as a single mailbox with nothing else around
    /// it, it has no control characters (a CR/LF could add a header or a recipient), and it is not
    /// HelpDesk's own sending address (a message to ourselves could loop).
    /// </summary>
    public static string RecipientAddress(string? address, string senderAddress)
    {
        var trimmed = address?.Trim() ?? "";
        if (trimmed.Length is 0 or > OutboxMessage.AddressMaxLength
            || HeaderText.HasControlCharacters(address)
            || !MailboxAddress.TryParse(ParserOptions.Default, trimmed, out var mailbox)
            || !string.Equals(mailbox.Address, trimmed, StringComparison.Ordinal)
            || mailbox.Route.Count > 0
            || mailbox.Domain.Length == 0 || mailbox.LocalPart.Length == 0)
        {
            throw new DomainRuleException($"'{HeaderText.OneLine(address)}' is not one email address, so no email can be sent to it.");
        }

        if (string.Equals(trimmed, senderAddress, StringComparison.OrdinalIgnoreCase))
        {
            throw new DomainRuleException("HelpDesk does not send email to its own sending address.");
        }

        return trimmed;
    }

    /// <summary>Messages saved in this process need not wait for the next poll.</summary>
    private void WakeDeliveryAfterSave(HelpDeskDbContext db)
    {
        if (_watched.Add(db))
        {
            db.SavedChanges += (_, _) => signal.Wake();
        }
    }
}

/// <summary>Wakes this process's delivery worker when a message has been saved, instead of waiting for its next poll.</summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake-pending: one wake-up covers any number of new messages.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}

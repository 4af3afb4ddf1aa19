using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Conversations;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Sla;
using HelpDesk.Application.Persistence.Configurations;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Email;

/// <summary>
/// One message read from a mailbox (docs/email.md). It is handled exactly once: the receipt keyed by
/// mailbox and message key is written in the same transaction as what the message did, so a second
/// reader, a restart or a redelivery finds the receipt and does nothing. What it does:
/// <list type="number">
/// <item>our own mail coming back is ignored; a delivery failure report marks our message bounced;</item>
/// <item>it joins a case by In-Reply-To / References, else by a valid reference in its subject;</item>
/// <item>on a case it is the customer's message only from the customer or an address already in the
/// conversation (it may resume or reopen the case); anyone else's is kept for staff only; a machine's
/// moves nothing;</item>
/// <item>otherwise it is a new email case for the mailbox's department, acknowledged by email unless
/// it is automatic or its sender has had 5 acknowledgements in the hour.</item>
/// </list>
/// </summary>
public static class ReceiveEmail
{
    /// <summary>The largest raw message read at all; the attachment limits apply inside it.</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    /// <param name="ArrivedAt">When the mailbox's server received it (IMAP INTERNALDATE): the pause on a waiting case ends here.</param>
    /// <param name="Batch">The reads shared with the other messages of the reader's batch; none: this message reads its own.</param>
    public sealed record Command(int MailboxId, byte[] Raw, DateTimeOffset ArrivedAt, MailBatch? Batch = null) : ICommand<Result>;

    /// <param name="AlreadyHandled">The receipt was there: this message was handled before, and nothing was done now.</param>
    public sealed record Result(MailOutcome Outcome, string? Reference, bool AlreadyHandled);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.MailboxId).GreaterThan(0);
            RuleFor(c => c.Raw).NotEmpty().Must(r => r.Length <= MaxMessageBytes)
                .WithMessage($"A message larger than {MaxMessageBytes / (1024 * 1024)} MB is not read.");
        }
    }

    internal sealed class Handler(
        HelpDeskDbContext db,
        ReferenceNumberIssuer issuer,
        SlaPolicy sla,
        DeskClock clock,
        MessageOutbox outbox,
        CustomerWritesBack customerWrites,
        IOptions<SmtpOptions> smtp,
        IOptions<EmailOptions> email) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var message = InboundEmail.Read(command.Raw);
            if (await EarlierReceiptAsync(command.MailboxId, message.Key, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            // Every mailbox in one read, once a batch: this one's settings, and every one's addresses are our own (few rows).
            var batch = command.Batch ?? new MailBatch();
            var mailboxes = await batch.MailboxesAsync(() => db.Mailboxes.AsNoTracking().ToListAsync(cancellationToken));
            var mailbox = mailboxes.SingleOrDefault(m => m.Id == command.MailboxId)
                ?? throw new InvalidOperationException($"Mailbox {command.MailboxId} does not exist.");
            var own = OwnAddresses(mailboxes);
            try
            {
                var strategy = db.Database.CreateExecutionStrategy();
                return await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    // A failure rolls the whole message back and the strategy starts it again, so no
                    // SaveChanges needs a savepoint of its own (each would cost two round trips).
                    db.Database.AutoSavepointsEnabled = false;
                    await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                    var (outcome, complaint, note) = await ApplyAsync(batch, mailbox, own, message, command.ArrivedAt, cancellationToken);
                    db.MailReceipts.Add(new MailReceipt(mailbox.Id, message.Key, outcome, complaint?.Id, note, clock.UtcNow));
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return new Result(outcome, complaint?.Reference, AlreadyHandled: false);
                });
            }
            catch (DbUpdateException duplicate) when (duplicate.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation, ConstraintName: MailReceiptConfiguration.MailReceiptKey })
            {
                // Another reader handled the same message at the same moment: its effect stands, this one rolled back.
                db.ChangeTracker.Clear();
                return await EarlierReceiptAsync(command.MailboxId, message.Key, cancellationToken)
                    ?? throw new InvalidOperationException("The message's receipt was refused as a duplicate, yet none is stored.", duplicate);
            }
        }

        private async Task<(MailOutcome, Complaint?, string?)> ApplyAsync(MailBatch batch, Mailbox mailbox, List<string> own, InboundEmail message, DateTimeOffset arrivedAt, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            if (AutomaticMail.IsOwnAddress(message.FromAddress, own))
            {
                return (MailOutcome.Ignored, null, "Sent from HelpDesk's own address: never read, so no mail loop.");
            }

            if (message.FailedMessageId is { } failedId)
            {
                return await RecordBounceAsync(failedId, message.FailureReason!, now, cancellationToken);
            }

            var automatic = AutomaticMail.Reason(message.Header, message.FromAddress, own);
            var complaint = await ThreadedCaseAsync(message, cancellationToken);
            if (complaint is not null)
            {
                return await JoinAsync(batch, complaint, mailbox, message, automatic, arrivedAt, now, cancellationToken);
            }

            if (AutomaticMail.IsMailSystem(message.FromAddress))
            {
                return (MailOutcome.Ignored, null, $"Automatic mail ({automatic}) on no case: not logged.");
            }

            var logged = await LogAsync(batch, mailbox, message, automatic, followsReference: null, now, cancellationToken);
            return (automatic is null ? MailOutcome.NewCase : MailOutcome.Automatic, logged, automatic);
        }

        private async Task<(MailOutcome, Complaint?, string?)> JoinAsync(MailBatch batch, Complaint complaint, Mailbox mailbox, InboundEmail message, string? automatic, DateTimeOffset arrivedAt, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var sender = message.FromAddress ?? "an unknown sender";
            if (automatic is not null)
            {
                complaint.ReceiveAutomatic($"from {sender}: {automatic}", now);
                AddMessage(complaint, MessageAuthor.Automatic, mailbox, message, now);
                return (MailOutcome.Automatic, complaint, automatic);
            }

            if (!CaseSpeakers.SpeaksAsCustomer(message.FromAddress, complaint.Customer.Email, await ConversationAddressesAsync(complaint.Id, cancellationToken)))
            {
                complaint.ReceiveFromOtherSender(sender, now);
                AddMessage(complaint, MessageAuthor.OtherSender, mailbox, message, now);
                return (MailOutcome.OtherSender, complaint, $"From {sender}, not the customer.");
            }

            var landed = await customerWrites.ReceiveAsync(complaint, MessageChannel.Email, arrivedAt, now,
                closed => LogAsync(batch, mailbox, message, automatic: null, closed.Reference, now, cancellationToken),
                onCase => AddMessage(onCase, MessageAuthor.Customer, mailbox, message, now),
                cancellationToken);
            return landed.Effect switch
            {
                CustomerMessageEffect.FollowOnCaseNeeded => (MailOutcome.NewCase, landed.Case, $"The customer wrote on {complaint.Reference}, which is closed."),
                CustomerMessageEffect.Recorded => (MailOutcome.CustomerMessage, complaint, null),
                _ => (MailOutcome.CustomerMessage, complaint, landed.Effect.ToString()),
            };
        }

        /// <summary>A new email case: the customer from Reply-To else From, the mailbox's department and type.</summary>
        private async Task<Complaint> LogAsync(MailBatch batch, Mailbox mailbox, InboundEmail message, string? automatic, string? followsReference, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var address = message.ReplyToAddress ?? message.FromAddress
                ?? throw new Domain.DomainRuleException("The email has no sender address to answer.");
            var name = (message.ReplyToAddress is not null ? message.ReplyToName : message.FromName) ?? address[..Math.Max(1, address.IndexOf('@'))];
            var row = (await batch.TableAsync(() => sla.CurrentTableAsync(cancellationToken))).RowFor(mailbox.ComplaintTypeId, Priority.Normal);
            var reference = await issuer.IssueAsync(clock.ToLocal(now).Year, cancellationToken);
            var subject = Clip(message.Subject.Length > 0 ? message.Subject : "(no subject)", Complaint.SubjectMaxLength);
            var text = QuotedHistory.Trim(message.Text);
            var complaint = Complaint.Log(
                reference,
                new NewCase(now, Channel.Email, CaseKind.Complaint, mailbox.ComplaintTypeId, Priority.Normal,
                    new CustomerContact(Clip(name, Customers.SubmitComplaint.NameMaxLength), Clip(address, OutboxMessage.AddressMaxLength), null, null),
                    subject, Clip(text.Length > 0 ? text : "(the email had no text)", Complaint.DescriptionMaxLength)),
                row,
                Actor.System,
                now);
            if (followsReference is not null)
            {
                complaint.Follow(followsReference, now);
            }

            db.Complaints.Add(complaint);
            await db.SaveChangesAsync(cancellationToken);
            AddMessage(complaint, automatic is null ? MessageAuthor.Customer : MessageAuthor.Automatic, mailbox, message, now);

            var withheld = automatic is not null
                ? $"Not acknowledged by email: the message is automatic ({automatic})."
                : AcknowledgementAllowance.Allows(await AcknowledgementsSentToAsync(address, now, cancellationToken)) ? null : AcknowledgementAllowance.RefusalReason;
            if (withheld is not null)
            {
                complaint.WithholdAcknowledgement(withheld, now);
                return complaint;
            }

            var department = await batch.DepartmentNameAsync(mailbox.DepartmentId, () => db.Departments.AsNoTracking().Where(d => d.Id == mailbox.DepartmentId).Select(d => d.Name).SingleAsync(cancellationToken));
            var referral = new Referral(mailbox.DepartmentId, department, null, null);
            await outbox.AcknowledgeByEmailAsync(db, complaint, referral, row.Calendar, clock, now, cancellationToken);
            return complaint;
        }

        private void AddMessage(Complaint complaint, MessageAuthor author, Mailbox mailbox, InboundEmail message, DateTimeOffset now)
        {
            var (files, refused) = message.Files(email.Value.AttachmentLimits);
            var attachments = files.Select(f => CaseAttachment.Keep(complaint.Id, f.Name, f.Content)).ToList();
            db.CaseMessages.Add(CaseMessage.Received(complaint.Id, author, MessageChannel.Email,
                new ReceivedMessage(message.FromAddress, message.FromName, message.Subject, message.Text, message.MessageId, message.References, mailbox.Id, attachments, refused),
                now));
        }

        /// <summary>The first threading rule, then the second: Message-IDs we sent or received on a case, then a valid reference in the subject.</summary>
        private async Task<Complaint?> ThreadedCaseAsync(InboundEmail message, CancellationToken cancellationToken)
        {
            if (message.ThreadIds.Count > 0)
            {
                var ids = message.ThreadIds.ToList();
                var caseId = await db.CaseMessages.AsNoTracking().Where(m => m.EmailMessageId != null && ids.Contains(m.EmailMessageId)).Select(m => (long?)m.ComplaintId).FirstOrDefaultAsync(cancellationToken)
                    ?? await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId != null && ids.Contains(m.MessageId)).Select(m => m.CaseId).FirstOrDefaultAsync(cancellationToken);
                if (caseId is { } id)
                {
                    return await db.Complaints.SingleAsync(c => c.Id == id, cancellationToken);
                }
            }

            if (SubjectReference.Find(message.Subject) is { } reference)
            {
                var text = reference.ToString();
                return await db.Complaints.SingleOrDefaultAsync(c => c.Reference == text, cancellationToken);
            }

            return null;
        }

        private async Task<(MailOutcome, Complaint?, string?)> RecordBounceAsync(string failedId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var sent = await db.OutboxMessages.SingleOrDefaultAsync(m => m.MessageId == failedId, cancellationToken);
            if (sent is null)
            {
                return (MailOutcome.Ignored, null, $"A delivery failure report for {failedId}, which HelpDesk did not send.");
            }

            sent.RecordBounce(reason, now);
            Complaint? complaint = null;
            if (sent.CaseId is { } caseId)
            {
                complaint = await db.Complaints.SingleAsync(c => c.Id == caseId, cancellationToken);
                complaint.RecordBounce($"The email \"{sent.Subject}\" to {sent.RecipientAddress} bounced: {reason}", now);
            }

            return (MailOutcome.Bounce, complaint, reason);
        }

        private async Task<List<string>> ConversationAddressesAsync(long complaintId, CancellationToken cancellationToken)
        {
            var wrote = await db.CaseMessages.AsNoTracking()
                .Where(m => m.ComplaintId == complaintId && m.Author == MessageAuthor.Customer && m.FromAddress != null)
                .Select(m => m.FromAddress!).Distinct().ToListAsync(cancellationToken);
            var sentTo = await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == complaintId).Select(m => m.RecipientAddress).Distinct().ToListAsync(cancellationToken);
            return [.. wrote, .. sentTo];
        }

        private async Task<int> AcknowledgementsSentToAsync(string address, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var since = now - AcknowledgementAllowance.Window;
            var lower = address.ToLowerInvariant();
            return await db.OutboxMessages.AsNoTracking()
                .CountAsync(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail && m.CreatedAt > since && m.RecipientAddress.ToLower() == lower, cancellationToken);
        }

        private List<string> OwnAddresses(List<Mailbox> mailboxes) =>
            [smtp.Value.SenderAddress, .. mailboxes.Select(m => m.ReplyAddress), .. mailboxes.Select(m => m.UserName).Where(u => u.Contains('@', StringComparison.Ordinal))];

        private async Task<Result?> EarlierReceiptAsync(int mailboxId, string key, CancellationToken cancellationToken) =>
            await db.MailReceipts.AsNoTracking()
                .Where(r => r.MailboxId == mailboxId && r.MessageKey == key)
                .Select(r => new Result(r.Outcome, db.Complaints.Where(c => c.Id == r.ComplaintId).Select(c => c.Reference).FirstOrDefault(), true))
                .SingleOrDefaultAsync(cancellationToken);

        private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
    }
}

using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Application.Tests.Features.Email;

/// <summary>
/// docs/email.md, rule by rule, through <see cref="ReceiveEmail"/> on real PostgreSQL: which case a
/// message joins, who may speak on it, what the customer's message does to the clocks, loops,
/// bounces, content and attachments. Reading from a real IMAP server is the mailbox reader's tests.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReceiveEmailTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private const string Customer = "aisha@example.com";
    private int _mailbox;
    private int _billing;
    private int _billingType;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        fixture.CurrentUser.Supervises = true;
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        await using var db = fixture.CreateDbContext();
        _billingType = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        var mailbox = Mailbox.Connect(new MailboxSettings("Support", "127.0.0.1", 143, MailboxSecurity.None, "support", null, _billing, _billingType, "support@helpdesk.test"), "protected", ApplicationFixture.Now);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
        _mailbox = mailbox.Id;
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    private static MimeMessage Email(string subject, string text, string from = Customer, string? messageId = null)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Aisha Khan", from));
        message.To.Add(new MailboxAddress("Support", "support@helpdesk.test"));
        message.Subject = subject;
        message.MessageId = messageId ?? $"{Guid.NewGuid():N}@mail.example.com";
        message.Date = ApplicationFixture.Now;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    private static byte[] Raw(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    private Task<ReceiveEmail.Result> ReceiveAsync(MimeMessage message, DateTimeOffset? arrivedAt = null) =>
        fixture.SendAsync(new ReceiveEmail.Command(_mailbox, Raw(message), arrivedAt ?? fixture.Clock.GetUtcNow()));

    private async Task<Complaint> StoredAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.Reference == reference);
    }

    private async Task<List<CaseMessage>> MessagesAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        var id = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
        return await db.CaseMessages.Include(m => m.Attachments).Where(m => m.ComplaintId == id).OrderBy(m => m.Id).ToListAsync();
    }

    /// <summary>A case logged from a first email, and the Message-ID of the acknowledgement HelpDesk queued for it.</summary>
    private async Task<(string Reference, string AcknowledgementId)> CaseFromEmailAsync()
    {
        var result = await ReceiveAsync(Email("Charged twice for October", "The October invoice was taken twice."));
        await using var db = fixture.CreateDbContext();
        var acknowledgement = await db.OutboxMessages.Where(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail).OrderByDescending(m => m.CreatedAt).Select(m => m.MessageId).FirstAsync();
        return (result.Reference!, acknowledgement);
    }

    [Fact]
    public async Task A_new_email_becomes_a_case_with_its_attachments_and_its_acknowledgement_is_sent_with_the_reference()
    {
        var email = Email("Charged twice for October", "The October invoice was taken twice.");
        var body = new BodyBuilder { TextBody = "The October invoice was taken twice." };
        body.Attachments.Add("statement.pdf", "%PDF-1.4 statement"u8.ToArray(), new ContentType("application", "pdf"));
        email.Body = body.ToMessageBody();

        var result = await ReceiveAsync(email);

        Assert.Equal(MailOutcome.NewCase, result.Outcome);
        var stored = await StoredAsync(result.Reference!);
        Assert.Equal(Channel.Email, stored.Channel);
        Assert.Equal(CaseKind.Complaint, stored.Kind);
        Assert.Equal(Customer, stored.Customer.Email);
        Assert.Equal("Aisha Khan", stored.Customer.Name);
        Assert.Equal("Charged twice for October", stored.Subject);
        Assert.Equal(_billing, stored.DepartmentId);
        Assert.Equal(_billingType, stored.ComplaintTypeId);
        Assert.Equal(CaseStatus.Acknowledged, stored.Status);
        Assert.Equal(AcknowledgementMethod.Email, stored.AcknowledgementMethod);
        var message = Assert.Single(await MessagesAsync(result.Reference!));
        Assert.Equal(MessageAuthor.Customer, message.Author);
        var file = Assert.Single(message.Attachments);
        Assert.Equal("statement.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        await using var db = fixture.CreateDbContext();
        var acknowledgement = await db.OutboxMessages.SingleAsync(m => m.CaseId == stored.Id);
        Assert.Equal(TemplateKeys.AcknowledgementEmail, acknowledgement.TemplateKey);
        Assert.Equal(Customer, acknowledgement.RecipientAddress);
        Assert.Contains(result.Reference!, acknowledgement.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reply_with_only_In_Reply_To_and_no_reference_in_the_subject_joins_its_case()
    {
        var (reference, acknowledgement) = await CaseFromEmailAsync();
        var reply = Email("Thanks", "Here is my account number.");
        reply.InReplyTo = acknowledgement;

        var result = await ReceiveAsync(reply);

        Assert.Equal(MailOutcome.CustomerMessage, result.Outcome);
        Assert.Equal(reference, result.Reference);
        Assert.Equal(2, (await MessagesAsync(reference)).Count);
    }

    [Theory]
    [InlineData("Fwd: {0}")]
    [InlineData("FW: Charged twice {0}")]
    [InlineData("AW: [{0}] Charged twice")]
    [InlineData("WG: ({0})")]
    [InlineData("RE: RE: [{0}] Your complaint")]
    [InlineData("SV: Antw: {0}")]
    public async Task Reply_and_forward_prefixes_and_brackets_around_the_reference_all_join(string subject)
    {
        var (reference, _) = await CaseFromEmailAsync();

        var result = await ReceiveAsync(Email(string.Format(System.Globalization.CultureInfo.InvariantCulture, subject, reference), "More."));

        Assert.Equal(reference, result.Reference);
        Assert.Equal(MailOutcome.CustomerMessage, result.Outcome);
    }

    [Fact]
    public async Task A_fresh_email_whose_subject_has_the_reference_typed_by_hand_joins()
    {
        var (reference, _) = await CaseFromEmailAsync();
        var typed = reference.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();

        var result = await ReceiveAsync(Email($"about my complaint {typed} please", "Any news?"));

        Assert.Equal(reference, result.Reference);
    }

    [Fact]
    public async Task A_message_sharing_only_a_References_id_with_the_thread_joins()
    {
        var (reference, acknowledgement) = await CaseFromEmailAsync();
        var reply = Email("New question", "Another thing.");
        reply.References.Add("unrelated@elsewhere.example");
        reply.References.Add(acknowledgement);

        var result = await ReceiveAsync(reply);

        Assert.Equal(reference, result.Reference);
    }

    [Fact]
    public async Task A_wrong_check_character_in_the_subject_does_not_join()
    {
        var (reference, _) = await CaseFromEmailAsync();
        var wrong = reference[..^1] + (reference[^1] == 'A' ? 'B' : 'A');

        var result = await ReceiveAsync(Email($"Re: {wrong}", "Hello."));

        Assert.Equal(MailOutcome.NewCase, result.Outcome);
        Assert.NotEqual(reference, result.Reference);
    }

    [Fact]
    public async Task A_strangers_email_quoting_a_reference_is_internal_changes_no_clock_and_never_reaches_the_customer()
    {
        var (reference, _) = await CaseFromEmailAsync();
        var before = await StoredAsync(reference);

        var result = await ReceiveAsync(Email($"Re: {reference}", "I know your number.", from: "mallory@example.net"));

        Assert.Equal(MailOutcome.OtherSender, result.Outcome);
        var after = await StoredAsync(reference);
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.ResolveDue, after.ResolveDue);
        Assert.Equal(before.AcknowledgeDue, after.AcknowledgeDue);
        var entry = Assert.Single(after.Timeline, e => e.Type == TimelineEventType.OtherSenderMessage);
        Assert.False(entry.VisibleToCustomer);
        Assert.Contains("mallory@example.net", entry.Summary, StringComparison.Ordinal);
        var stranger = (await MessagesAsync(reference)).Last();
        Assert.Equal(MessageAuthor.OtherSender, stranger.Author);
        Assert.False(stranger.VisibleToCustomer);
    }

    [Fact]
    public async Task A_reply_to_a_case_waiting_on_the_customer_resumes_it_and_the_deadline_moves_by_the_pause()
    {
        var (reference, acknowledgement) = await CaseFromEmailAsync();
        await fixture.SendAsync(new WaitOnCustomer.Command(reference, "Your account number."));
        var waiting = await StoredAsync(reference);
        // Two business days of waiting on the office calendar: Wednesday 10:00 to Friday 10:00.
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        var reply = Email("Re: account", "It is 12345.");
        reply.InReplyTo = acknowledgement;

        var result = await ReceiveAsync(reply, arrivedAt: fixture.Clock.GetUtcNow());

        Assert.Equal(MailOutcome.CustomerMessage, result.Outcome);
        var resumed = await StoredAsync(reference);
        Assert.Equal(CaseStatus.InProgress, resumed.Status);
        Assert.False(resumed.ResolutionPaused);
        Assert.True(resumed.ResolveDue > waiting.ResolveDue, "The resolution deadline moves later by the time spent waiting.");
        Assert.Contains(resumed.Timeline, e => e.Type == TimelineEventType.Resumed && e.ActorName == "HelpDesk");
        Assert.Contains(resumed.Timeline, e => e.Type == TimelineEventType.CustomerMessage && e.VisibleToCustomer);
    }

    [Fact]
    public async Task A_reply_to_a_resolved_case_reopens_it()
    {
        var (reference, acknowledgement) = await CaseFromEmailAsync();
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Email));
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var reply = Email("Re: refund", "The refund has not arrived.");
        reply.InReplyTo = acknowledgement;

        await ReceiveAsync(reply);

        var reopened = await StoredAsync(reference);
        Assert.Equal(CaseStatus.InProgress, reopened.Status);
        Assert.Equal(1, reopened.ReopenCount);
        Assert.Contains(reopened.Timeline, e => e.Type == TimelineEventType.Reopened);
    }

    [Fact]
    public async Task A_reply_to_a_closed_case_logs_a_new_case_that_names_it()
    {
        var (reference, acknowledgement) = await CaseFromEmailAsync();
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate debit.", "Refunded.", CommunicationMethod.Email));
        await fixture.SendAsync(new RecordFollowUp.Command(reference, true, 5, null));
        await fixture.SendAsync(new CloseCase.Command(reference));
        var reply = Email("Re: refund", "It happened again in November.");
        reply.InReplyTo = acknowledgement;

        var result = await ReceiveAsync(reply);

        Assert.Equal(MailOutcome.NewCase, result.Outcome);
        Assert.NotEqual(reference, result.Reference);
        var followOn = await StoredAsync(result.Reference!);
        Assert.Equal(reference, followOn.FollowsReference);
        Assert.Contains(followOn.Timeline, e => e.Type == TimelineEventType.FollowsCase && e.Summary.Contains(reference, StringComparison.Ordinal));
        var closed = await StoredAsync(reference);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Contains(closed.Timeline, e => e.Type == TimelineEventType.FollowsCase && e.Summary.Contains(result.Reference!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_auto_reply_to_our_acknowledgement_is_not_acknowledged_so_no_mail_loop()
    {
        var (reference, acknowledgement) = await CaseFromEmailAsync();
        var outOfOffice = Email($"Automatic reply: [{reference}] We have your complaint", "I am out of the office.");
        outOfOffice.InReplyTo = acknowledgement;
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");

        var result = await ReceiveAsync(outOfOffice);

        Assert.Equal(MailOutcome.Automatic, result.Outcome);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
        Assert.Equal(1, await db.Complaints.CountAsync());
        Assert.Contains((await StoredAsync(reference)).Timeline, e => e.Type == TimelineEventType.AutomaticMessage && !e.VisibleToCustomer);
    }

    [Theory]
    [InlineData("Precedence", "bulk")]
    [InlineData("List-Id", "<offers.shop.example>")]
    [InlineData("X-Autoreply", "yes")]
    public async Task Automatic_mail_on_no_case_is_logged_but_never_acknowledged(string header, string value)
    {
        var newsletter = Email("Our November offers", "Buy now.", from: "news@shop.example");
        newsletter.Headers.Add(header, value);

        var result = await ReceiveAsync(newsletter);

        Assert.Equal(MailOutcome.Automatic, result.Outcome);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.OutboxMessages.CountAsync());
        var stored = await StoredAsync(result.Reference!);
        Assert.Equal(CaseStatus.Logged, stored.Status);
        Assert.Contains(stored.Timeline, e => e.Type == TimelineEventType.AcknowledgementWithheld);
    }

    [Fact]
    public async Task Past_five_acknowledgements_to_one_sender_in_an_hour_cases_are_logged_but_not_acknowledged()
    {
        var results = new List<ReceiveEmail.Result>();
        for (var i = 0; i < AcknowledgementAllowance.PerSenderPerHour + 1; i++)
        {
            results.Add(await ReceiveAsync(Email($"Complaint number {i}", "Again.")));
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await using var db = fixture.CreateDbContext();
        Assert.Equal(AcknowledgementAllowance.PerSenderPerHour, await db.OutboxMessages.CountAsync(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail));
        var last = await StoredAsync(results[^1].Reference!);
        Assert.Equal(CaseStatus.Logged, last.Status);
        Assert.Contains(last.Timeline, e => e.Type == TimelineEventType.AcknowledgementWithheld && e.Summary == AcknowledgementAllowance.RefusalReason);
    }

    [Fact]
    public async Task A_delivery_failure_report_marks_the_outgoing_message_bounced_and_logs_no_case()
    {
        var (reference, acknowledgement) = await CaseFromEmailAsync();
        var report = new MimeMessage();
        report.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@mx.example.com"));
        report.To.Add(new MailboxAddress("", "support@helpdesk.test"));
        report.Subject = "Undelivered Mail Returned to Sender";
        report.MessageId = "dsn-1@mx.example.com";
        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", "dns; mx.example.com" } };
        var perRecipient = new HeaderList
        {
            { "Final-Recipient", "rfc822; aisha@example.com" },
            { "Action", "failed" },
            { "Status", "5.1.1" },
            { "Diagnostic-Code", "smtp; 550 5.1.1 user unknown" },
        };
        status.StatusGroups.Add(perMessage);
        status.StatusGroups.Add(perRecipient);
        var original = new MimeMessage { MessageId = acknowledgement, Subject = "We have your complaint" };
        original.Body = new TextPart("plain") { Text = "..." };
        var multipart = new MultipartReport("delivery-status") { new TextPart("plain") { Text = "Your message could not be delivered." }, status, new MessagePart { Message = original } };
        report.Body = multipart;

        var result = await ReceiveAsync(report);

        Assert.Equal(MailOutcome.Bounce, result.Outcome);
        await using var db = fixture.CreateDbContext();
        var sent = await db.OutboxMessages.SingleAsync(m => m.MessageId == acknowledgement);
        Assert.NotNull(sent.BouncedAt);
        Assert.Contains("550 5.1.1 user unknown", sent.BounceReason, StringComparison.Ordinal);
        Assert.Equal(1, await db.Complaints.CountAsync());
        Assert.Contains((await StoredAsync(reference)).Timeline, e => e.Type == TimelineEventType.MessageBounced);
    }

    [Fact]
    public async Task Mail_from_our_own_address_is_ignored()
    {
        var result = await ReceiveAsync(Email("Loop?", "Hello me.", from: "support@helpdesk.test"));

        Assert.Equal(MailOutcome.Ignored, result.Outcome);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
        Assert.Equal(1, await db.MailReceipts.CountAsync());
    }

    [Fact]
    public async Task A_batch_reads_the_mailboxes_once_and_the_next_batch_sees_a_mailbox_added_meanwhile()
    {
        var batch = new MailBatch();
        var first = await fixture.SendAsync(new ReceiveEmail.Command(_mailbox, Raw(Email("First of the batch", "Hello.")), ApplicationFixture.Now, batch));
        await using (var db = fixture.CreateDbContext())
        {
            db.Mailboxes.Add(Mailbox.Connect(new MailboxSettings("Sales", "127.0.0.1", 143, MailboxSecurity.None, "sales", null, _billing, _billingType, "sales@helpdesk.test"), "protected", ApplicationFixture.Now));
            await db.SaveChangesAsync();
        }

        // The batch read the mailboxes before Sales existed: its address counts from the next batch (docs/email.md, "Reading").
        var sameBatch = await fixture.SendAsync(new ReceiveEmail.Command(_mailbox, Raw(Email("Still this batch", "From sales.", from: "sales@helpdesk.test")), ApplicationFixture.Now, batch));
        var nextBatch = await fixture.SendAsync(new ReceiveEmail.Command(_mailbox, Raw(Email("The next batch", "From sales.", from: "sales@helpdesk.test")), ApplicationFixture.Now, new MailBatch()));

        Assert.Equal(MailOutcome.NewCase, first.Outcome);
        Assert.Equal(MailOutcome.NewCase, sameBatch.Outcome);
        Assert.Equal(MailOutcome.Ignored, nextBatch.Outcome);
        await using var check = fixture.CreateDbContext();
        // Both of the batch's cases went to the mailbox's department, acknowledged as any email case.
        Assert.Equal(new int?[] { _billing, _billing }, await check.Complaints.OrderBy(c => c.Id).Select(c => c.DepartmentId).ToListAsync());
        Assert.Equal(2, await check.OutboxMessages.CountAsync(m => m.TemplateKey == TemplateKeys.AcknowledgementEmail));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_is_handled_once()
    {
        var email = Email("Charged twice", "Once, please.");

        var first = await ReceiveAsync(email);
        var second = await ReceiveAsync(email);

        Assert.False(first.AlreadyHandled);
        Assert.True(second.AlreadyHandled);
        Assert.Equal(first.Reference, second.Reference);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task The_same_message_read_by_two_readers_at_once_is_handled_once()
    {
        var raw = Raw(Email("Charged twice", "Once, please."));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => fixture.SendAsync(new ReceiveEmail.Command(_mailbox, raw, ApplicationFixture.Now)))));

        Assert.Single(results.Select(r => r.Reference).Distinct());
        Assert.Single(results, r => !r.AlreadyHandled);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
    }

    [Fact]
    public async Task A_message_without_a_Message_ID_is_keyed_by_a_hash_of_itself()
    {
        var email = Email("No id", "Plain old mail.");
        email.Headers.Remove(HeaderId.MessageId);
        var raw = Raw(email);

        await fixture.SendAsync(new ReceiveEmail.Command(_mailbox, raw, ApplicationFixture.Now));
        var again = await fixture.SendAsync(new ReceiveEmail.Command(_mailbox, raw, ApplicationFixture.Now));

        Assert.True(again.AlreadyHandled);
        await using var db = fixture.CreateDbContext();
        Assert.StartsWith("sha256:", (await db.MailReceipts.SingleAsync()).MessageKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_only_mail_with_a_script_and_an_img_onerror_shows_as_text()
    {
        var email = Email("HTML", "");
        email.Body = new TextPart("html") { Text = "<html><head><style>p{color:red}</style></head><body><p>My <b>refund</b> is late.</p><script>alert('x')</script><img src=x onerror=\"alert('y')\"><p>Thanks</p></body></html>" };

        var result = await ReceiveAsync(email);

        var message = Assert.Single(await MessagesAsync(result.Reference!));
        Assert.Equal("My refund is late.\n\nThanks", message.Text);
        Assert.DoesNotContain("<", message.FullText, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", message.FullText, StringComparison.Ordinal);
        Assert.Equal("My refund is late.\n\nThanks", (await StoredAsync(result.Reference!)).Description);
    }

    [Fact]
    public async Task A_30_MB_attachment_is_refused_and_the_rest_of_the_message_is_kept()
    {
        var email = Email("Big file", "");
        var body = new BodyBuilder { TextBody = "The recording and my letter are attached." };
        body.Attachments.Add("recording.wav", new byte[30 * 1024 * 1024], new ContentType("audio", "wav"));
        body.Attachments.Add("letter.txt", "Dear HelpDesk"u8.ToArray(), new ContentType("text", "plain"));
        email.Body = body.ToMessageBody();

        var result = await ReceiveAsync(email);

        var message = Assert.Single(await MessagesAsync(result.Reference!));
        Assert.Equal("The recording and my letter are attached.", message.Text);
        var kept = Assert.Single(message.Attachments);
        Assert.Equal("letter.txt", kept.FileName);
        Assert.Contains("recording.wav (30 MB) is larger than 10 MB a file", message.Refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quoted_history_below_our_marker_is_trimmed_and_the_whole_message_kept_for_staff()
    {
        var (reference, acknowledgement) = await CaseFromEmailAsync();
        var reply = Email("Re: your complaint", $"Here is the statement.\n\nOn Wed, 25 Nov 2026 at 10:00, HelpDesk <support@helpdesk.test> wrote:\n> {QuotedHistory.ReplyMarker}\n> We have your complaint.");
        reply.InReplyTo = acknowledgement;

        await ReceiveAsync(reply);

        var message = (await MessagesAsync(reference)).Last();
        Assert.Equal("Here is the statement.", message.Text);
        Assert.Contains("We have your complaint.", message.FullText, StringComparison.Ordinal);
    }
}

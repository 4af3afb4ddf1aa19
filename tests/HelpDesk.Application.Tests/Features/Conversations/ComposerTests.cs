using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Conversations;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Features.Messages.Delivery;
using HelpDesk.Application.Features.Responses;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Application.Tests.Features.Conversations;

/// <summary>
/// docs/email.md, "Replying from the case", over real PostgreSQL and real SMTP: the composer's channels
/// (email with files as MIME parts, recorded as given, internal note), a canned response filled from the
/// case, the step after sending (leave, wait on the customer, resolve) in the same save, and its refusals.
/// The attachment limits are set small here (2 KB a file, 3 KB a message) so the limit rule is reached.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ComposerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private const string Customer = "aisha@example.com";
    private const string SupportAddress = "support@helpdesk.test";
    private readonly TestSmtpServer _smtp = new();
    private ServiceProvider _services = null!;
    private int _mailbox;
    private int _billing;
    private int _billingType;
    private readonly Actor _actor = fixture.CurrentUser.Actor;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        _smtp.Start();
        var settings = _smtp.HostSettings("desk@helpdesk.test");
        settings["HelpDesk:Smtp:MessageIdDomain"] = "helpdesk.test";
        settings["HelpDesk:Email:MaxAttachmentBytes"] = "2048";
        settings["HelpDesk:Email:MaxMessageAttachmentBytes"] = "3072";
        _services = ApplicationServices.Build(fixture.ConnectionString, fixture.Clock, fixture.CurrentUser, settings);
        await using var scope = _services.CreateAsyncScope();
        _billing = (await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        fixture.CurrentUser.Supervises = false;
        fixture.CurrentUser.DepartmentId = _billing;
        fixture.CurrentUser.Actor = new Actor("agent-bea", "Bea Biller");
        await using var db = fixture.CreateDbContext();
        _billingType = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        var mailbox = Mailbox.Connect(new MailboxSettings("Support", "127.0.0.1", 143, MailboxSecurity.None, "support", null, _billing, _billingType, SupportAddress), "protected", ApplicationFixture.Now);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
        _mailbox = mailbox.Id;
    }

    public async Task DisposeAsync()
    {
        fixture.CurrentUser.DepartmentId = null;
        fixture.CurrentUser.Actor = _actor;
        await _services.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<T> SendAsync<T>(ICommand<T> request)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(request);
    }

    private async Task<T> AskAsync<T>(IQuery<T> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    private async Task SendAsync(ICommand command)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>A case from the customer's email (acknowledged at once by email, in Billing's care) and that email's Message-ID.</summary>
    private async Task<(string Reference, string MessageId)> EmailedCaseAsync()
    {
        var first = TestEmail.From(new MailboxAddress("Aisha Khan", Customer), new MailboxAddress("Support", SupportAddress), "Charged twice for October", "The October invoice was taken twice.");
        var logged = await SendAsync(new ReceiveEmail.Command(_mailbox, TestEmail.Raw(first), fixture.Clock.GetUtcNow()));
        return (logged.Reference!, first.MessageId!);
    }

    private async Task<string> PhonedCaseWithoutEmailAsync()
    {
        var reference = (await SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, _billingType, new CaseBuilder.Customer("Aisha Khan", Phone: "01234 567890")))).Reference;
        await SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, null, null));
        return reference;
    }

    private static ReplyToCustomer.Command Reply(string reference, string text, ReplyChannel channel, AfterSending then = AfterSending.LeaveUnchanged) =>
        new(reference, text) { Channel = channel, Then = then };

    private async Task<IReadOnlyList<string>> QueuedTemplatesAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        var caseId = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
        return await db.OutboxMessages.Where(m => m.CaseId == caseId).OrderBy(m => m.CreatedAt).ThenBy(m => m.TemplateKey).Select(m => m.TemplateKey).ToListAsync();
    }

    private async Task<Complaint> CaseAsync(string reference)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Complaints.Include(c => c.Timeline).AsNoTracking().SingleAsync(c => c.Reference == reference);
    }

    private static byte[] Pdf(string text) => System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n" + text);

    [Fact]
    public async Task An_emailed_reply_carries_its_files_as_MIME_parts_threaded_on_the_customers_email_and_the_files_are_kept_with_the_case()
    {
        var (reference, customerMessageId) = await EmailedCaseAsync();
        var statement = Pdf("the statement");
        var notes = "Refund reference R-77."u8.ToArray();

        await SendAsync(Reply(reference, "Please find the refund letter attached.", ReplyChannel.Email) with
        {
            Attachments = [new OutgoingFile("refund letter.pdf", statement), new OutgoingFile("../notes.txt", notes)],
        });

        await _services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
        var sent = Assert.Single(await _smtp.WaitForAsync(m => m.Headers["X-HelpDesk-Template"] == TemplateKeys.Reply, "from the reply template")).Message;
        Assert.Equal(customerMessageId, sent.InReplyTo);
        Assert.Equal(customerMessageId, sent.References.Last());
        Assert.Equal(SupportAddress, Assert.Single(sent.ReplyTo.Mailboxes).Address);
        Assert.Equal($"[{reference}] Re: Charged twice for October", sent.Subject);
        Assert.Contains("Please find the refund letter attached.", sent.TextBody, StringComparison.Ordinal);
        var parts = sent.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["refund letter.pdf", "notes.txt"], parts.Select(p => p.FileName));
        Assert.Equal(["application/pdf", "text/plain"], parts.Select(p => p.ContentType.MimeType));
        Assert.Equal(statement, Decoded(parts[0]));
        Assert.Equal(notes, Decoded(parts[1]));

        await using var db = fixture.CreateDbContext();
        var staff = await db.CaseMessages.Include(m => m.Attachments).SingleAsync(m => m.Author == MessageAuthor.Staff);
        Assert.Equal((MessageChannel.Email, sent.MessageId), (staff.Channel, staff.EmailMessageId));
        Assert.Equal(["refund letter.pdf", "notes.txt"], staff.Attachments.OrderBy(a => a.Id).Select(a => a.FileName));
        Assert.All(staff.Attachments, a => Assert.Equal(staff.ComplaintId, a.ComplaintId));
    }

    private static byte[] Decoded(MimePart part)
    {
        using var content = new MemoryStream();
        part.Content!.DecodeTo(content);
        return content.ToArray();
    }

    [Theory]
    [InlineData(ReplyChannel.Phone, "by phone")]
    [InlineData(ReplyChannel.Letter, "by letter")]
    [InlineData(ReplyChannel.InPerson, "in person")]
    public async Task A_reply_given_another_way_is_recorded_on_the_case_as_given_and_nothing_is_emailed(ReplyChannel channel, string how)
    {
        var (reference, _) = await EmailedCaseAsync();

        await SendAsync(Reply(reference, "We agreed a refund of the second charge.", channel));

        Assert.Equal([TemplateKeys.AcknowledgementEmail], await QueuedTemplatesAsync(reference));
        var complaint = await CaseAsync(reference);
        var noted = Assert.Single(complaint.Timeline, e => e.Type == TimelineEventType.ReplySent);
        Assert.Equal($"Reply to the customer {how}", noted.Summary);
        Assert.True(noted.VisibleToCustomer);
        await using var db = fixture.CreateDbContext();
        var staff = await db.CaseMessages.SingleAsync(m => m.ComplaintId == complaint.Id && m.Author == MessageAuthor.Staff);
        Assert.Equal((MessageChannel.Recorded, "We agreed a refund of the second charge.", (Guid?)null), (staff.Channel, staff.Text, staff.OutboxMessageId));
    }

    [Fact]
    public async Task A_case_without_a_customer_email_is_answered_by_phone_but_refused_by_email_on_the_channel()
    {
        var reference = await PhonedCaseWithoutEmailAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(Reply(reference, "Hello.", ReplyChannel.Email)));
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(ReplyToCustomer.Command.Channel) && e.ErrorMessage.Contains("no customer email", StringComparison.Ordinal));

        await SendAsync(Reply(reference, "As agreed on the phone: the refund is on its way.", ReplyChannel.Phone));
        Assert.Contains((await CaseAsync(reference)).Timeline, e => e.Summary == "Reply to the customer by phone");
    }

    [Fact]
    public async Task An_internal_note_is_never_emailed_and_never_shown_to_the_customer()
    {
        var (reference, _) = await EmailedCaseAsync();

        await SendAsync(Reply(reference, "Ledger shows a duplicate debit; refund approved.", ReplyChannel.InternalNote));

        Assert.Equal([TemplateKeys.AcknowledgementEmail], await QueuedTemplatesAsync(reference));
        var complaint = await CaseAsync(reference);
        var note = Assert.Single(complaint.Timeline, e => e.Summary.Contains("Ledger shows a duplicate debit", StringComparison.Ordinal));
        Assert.False(note.VisibleToCustomer);
        Assert.DoesNotContain(complaint.Timeline, e => e.Type == TimelineEventType.ReplySent);
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.CaseMessages.AnyAsync(m => m.Author == MessageAuthor.Staff));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.TextBody.Contains("Ledger")));
    }

    [Fact]
    public async Task A_canned_response_is_filled_with_the_cases_values_and_the_writers_first_name()
    {
        var (reference, _) = await EmailedCaseAsync();
        var id = await SendAsync(new WriteCannedResponse.Command("Ask for the statement",
            "Dear {customer_name},\n\nabout {reference} ({subject}): please send the bank statement to {department}.\n\n{signed_by}"));

        var filled = await AskAsync(new FillCannedResponse.Query(reference, id));

        Assert.Equal($"Dear Aisha Khan,\n\nabout {reference} (Charged twice for October): please send the bank statement to Billing.\n\nBea\nBilling", filled);
        Assert.DoesNotContain("Biller", filled, StringComparison.Ordinal);

        // What the agent was shown is what the customer gets.
        await SendAsync(Reply(reference, filled!, ReplyChannel.Email));
        await using var db = fixture.CreateDbContext();
        var queued = await db.OutboxMessages.SingleAsync(m => m.TemplateKey == TemplateKeys.Reply);
        Assert.Contains($"about {reference} (Charged twice for October): please send the bank statement to Billing.", queued.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retired_or_unknown_canned_response_fills_nothing()
    {
        var (reference, _) = await EmailedCaseAsync();
        var id = await SendAsync(new WriteCannedResponse.Command("Old wording", "Dear {customer_name}."));
        await SendAsync(new RetireCannedResponse.Command(id));

        Assert.Null(await AskAsync(new FillCannedResponse.Query(reference, id)));
        Assert.Null(await AskAsync(new FillCannedResponse.Query(reference, id + 1000)));
    }

    [Fact]
    public async Task Then_wait_on_the_customer_pauses_the_case_in_the_same_save_and_the_emailed_reply_is_the_only_email()
    {
        var (reference, _) = await EmailedCaseAsync();

        await SendAsync(Reply(reference, "Could you send the bank statement showing both charges?", ReplyChannel.Email, AfterSending.WaitOnCustomer) with
        {
            WhatIsNeeded = "The bank statement showing both charges.",
        });

        var complaint = await CaseAsync(reference);
        Assert.Equal(CaseStatus.WaitingOnCustomer, complaint.Status);
        Assert.Contains(complaint.Timeline, e => e.Summary.Contains("The bank statement showing both charges.", StringComparison.Ordinal));
        Assert.Equal([TemplateKeys.AcknowledgementEmail, TemplateKeys.Reply], await QueuedTemplatesAsync(reference));
    }

    [Fact]
    public async Task Then_wait_after_an_internal_note_emails_the_customer_what_is_needed_threaded()
    {
        var (reference, customerMessageId) = await EmailedCaseAsync();

        await SendAsync(Reply(reference, "Cannot find the second debit.", ReplyChannel.InternalNote, AfterSending.WaitOnCustomer) with
        {
            WhatIsNeeded = "A copy of your bank statement for October.",
        });

        Assert.Equal(CaseStatus.WaitingOnCustomer, (await CaseAsync(reference)).Status);
        await _services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
        var waiting = Assert.Single(await _smtp.WaitForAsync(m => m.Headers["X-HelpDesk-Template"] == TemplateKeys.WaitingOnCustomer, "from the waiting template")).Message;
        Assert.Equal(customerMessageId, waiting.InReplyTo);
        Assert.Contains("A copy of your bank statement for October.", waiting.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Cannot find the second debit", waiting.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Then_resolve_resolves_with_the_reply_as_the_response_without_a_second_email_and_asks_how_we_did()
    {
        var (reference, _) = await EmailedCaseAsync();

        await SendAsync(Reply(reference, "We have refunded the second charge.", ReplyChannel.Email, AfterSending.Resolve) with { Analysis = "A duplicate debit by the card processor." });

        var complaint = await CaseAsync(reference);
        Assert.Equal(CaseStatus.Resolved, complaint.Status);
        Assert.Equal(("We have refunded the second charge.", "A duplicate debit by the card processor."), (complaint.ResolutionResponse, complaint.ResolutionAnalysis));
        var templates = await QueuedTemplatesAsync(reference);
        Assert.Contains(TemplateKeys.Reply, templates);
        Assert.Contains(TemplateKeys.SatisfactionSurvey, templates);
        Assert.DoesNotContain(TemplateKeys.Resolution, templates);
    }

    [Fact]
    public async Task Then_resolve_after_a_phone_reply_records_the_response_as_given_verbally()
    {
        var reference = await PhonedCaseWithoutEmailAsync();

        await SendAsync(Reply(reference, "Refund agreed on the phone.", ReplyChannel.Phone, AfterSending.Resolve) with { Analysis = "A duplicate debit." });

        var complaint = await CaseAsync(reference);
        Assert.Equal(CaseStatus.Resolved, complaint.Status);
        Assert.Equal(CommunicationMethod.Verbal, complaint.ResolutionCommunicatedBy);
        Assert.Empty(await QueuedTemplatesAsync(reference));
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "no channel", nameof(ReplyToCustomer.Command.Channel) },
        { "no step after", nameof(ReplyToCustomer.Command.Then) },
        { "files with a phone reply", nameof(ReplyToCustomer.Command.Attachments) },
        { "a file over the limit", nameof(ReplyToCustomer.Command.Attachments) },
        { "files over the message limit", nameof(ReplyToCustomer.Command.Attachments) },
        { "wait without what is needed", nameof(ReplyToCustomer.Command.WhatIsNeeded) },
        { "resolve without the analysis", nameof(ReplyToCustomer.Command.Analysis) },
        { "resolve with an internal note", nameof(ReplyToCustomer.Command.Then) },
        { "no text", nameof(ReplyToCustomer.Command.Text) },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_composer_post_that_does_not_add_up_is_refused_on_its_field_and_nothing_is_saved(string what, string field)
    {
        var (reference, _) = await EmailedCaseAsync();
        var before = await CaseAsync(reference);
        var reply = Reply(reference, "Hello.", ReplyChannel.Email);
        var command = what switch
        {
            "no channel" => reply with { Channel = null },
            "no step after" => reply with { Then = null },
            "files with a phone reply" => reply with { Channel = ReplyChannel.Phone, Attachments = [new OutgoingFile("a.pdf", Pdf("a"))] },
            "a file over the limit" => reply with { Attachments = [new OutgoingFile("big.pdf", new byte[2049])] },
            "files over the message limit" => reply with { Attachments = [new OutgoingFile("one.pdf", new byte[2000]), new OutgoingFile("two.pdf", new byte[2000])] },
            "wait without what is needed" => reply with { Then = AfterSending.WaitOnCustomer, WhatIsNeeded = "  " },
            "resolve without the analysis" => reply with { Then = AfterSending.Resolve },
            "resolve with an internal note" => reply with { Channel = ReplyChannel.InternalNote, Then = AfterSending.Resolve, Analysis = "Duplicate." },
            "no text" => reply with { Text = " " },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(command));

        Assert.Contains(refused.Errors, e => e.PropertyName == field);
        var after = await CaseAsync(reference);
        Assert.Equal((before.Status, before.Timeline.Count), (after.Status, after.Timeline.Count));
        Assert.Equal([TemplateKeys.AcknowledgementEmail], await QueuedTemplatesAsync(reference));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_named_in_the_refusal()
    {
        var (reference, _) = await EmailedCaseAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(Reply(reference, "Attached.", ReplyChannel.Email) with
        {
            Attachments = [new OutgoingFile("small.pdf", Pdf("ok")), new OutgoingFile("scan.pdf", new byte[4096])],
        }));

        var error = Assert.Single(refused.Errors, e => e.PropertyName == nameof(ReplyToCustomer.Command.Attachments));
        Assert.Equal("Not kept: scan.pdf (4 KB) is larger than 2 KB a file.", error.ErrorMessage);
    }

    [Fact]
    public async Task Then_wait_on_a_resolved_case_is_refused_by_the_lifecycle_and_the_reply_is_not_saved()
    {
        var (reference, _) = await EmailedCaseAsync();
        await SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Duplicate.", "Refunded.", CommunicationMethod.Verbal));
        var before = await QueuedTemplatesAsync(reference);

        await Assert.ThrowsAnyAsync<Exception>(() => SendAsync(Reply(reference, "One more thing.", ReplyChannel.Email, AfterSending.WaitOnCustomer) with { WhatIsNeeded = "Your bank's name." }));

        Assert.Equal(CaseStatus.Resolved, (await CaseAsync(reference)).Status);
        Assert.Equal(before, await QueuedTemplatesAsync(reference));
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.CaseMessages.AnyAsync(m => m.Author == MessageAuthor.Staff));
    }

    [Fact]
    public async Task Waiting_on_the_customer_by_itself_emails_what_is_needed_threaded_and_an_update_for_the_customer_is_emailed_too()
    {
        var (reference, customerMessageId) = await EmailedCaseAsync();

        await SendAsync(new WaitOnCustomer.Command(reference, "Your bank statement for October."));
        await SendAsync(new AddCaseNote.Command(reference, "We have asked the bank about the second debit.", VisibleToCustomer: true));
        await SendAsync(new AddCaseNote.Command(reference, "Bank contact is Jo.", VisibleToCustomer: false));

        await _services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
        var waiting = Assert.Single(await _smtp.WaitForAsync(m => m.Headers["X-HelpDesk-Template"] == TemplateKeys.WaitingOnCustomer, "from the waiting template")).Message;
        Assert.Equal(customerMessageId, waiting.InReplyTo);
        Assert.Contains("Your bank statement for October.", waiting.TextBody, StringComparison.Ordinal);
        Assert.Contains(reference, waiting.Subject, StringComparison.Ordinal);
        var update = Assert.Single(await _smtp.WaitForAsync(m => m.Headers["X-HelpDesk-Template"] == TemplateKeys.CustomerUpdate, "from the update template")).Message;
        Assert.Contains("We have asked the bank about the second debit.", update.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(_smtp.Received, m => (m.Message.TextBody ?? "").Contains("Bank contact is Jo", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Waiting_on_a_customer_without_an_email_emails_nothing()
    {
        var reference = await PhonedCaseWithoutEmailAsync();

        await SendAsync(new WaitOnCustomer.Command(reference, "A photo of the bill."));
        await SendAsync(new AddCaseNote.Command(reference, "Still checking.", VisibleToCustomer: true));

        Assert.Equal(CaseStatus.WaitingOnCustomer, (await CaseAsync(reference)).Status);
        Assert.Empty(await QueuedTemplatesAsync(reference));
    }
}

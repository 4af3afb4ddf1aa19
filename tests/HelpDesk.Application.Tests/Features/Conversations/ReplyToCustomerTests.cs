using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Conversations;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Messages.Delivery;
using HelpDesk.Application.Persistence;
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
/// docs/email.md, "Outgoing mail threads too", over real PostgreSQL and real SMTP: every email to a
/// customer about a case (the acknowledgement, a staff reply, the response, the survey) leaves with its
/// reference once, the marker, In-Reply-To and References to the customer's latest email and Reply-To
/// the mailbox the case came in on; and the customer's answer to it comes back to the same case.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReplyToCustomerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private const string Customer = "aisha@example.com";
    private const string SupportAddress = "support@helpdesk.test";
    private const string DefaultReplyAddress = "replies@helpdesk.test";
    private readonly TestSmtpServer _smtp = new();
    private ServiceProvider _services = null!;
    private int _mailbox;
    private int _billing;
    private readonly Actor _actor = fixture.CurrentUser.Actor;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        _smtp.Start();
        var settings = _smtp.HostSettings("desk@helpdesk.test");
        settings["HelpDesk:Smtp:MessageIdDomain"] = "helpdesk.test";
        settings["HelpDesk:Smtp:ReplyAddress"] = DefaultReplyAddress;
        _services = ApplicationServices.Build(fixture.ConnectionString, fixture.Clock, fixture.CurrentUser, settings);
        await using var scope = _services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        fixture.CurrentUser.Supervises = false;
        fixture.CurrentUser.DepartmentId = _billing;
        await using var db = fixture.CreateDbContext();
        var billingType = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        var mailbox = Mailbox.Connect(new MailboxSettings("Support", "127.0.0.1", 143, MailboxSecurity.None, "support", null, _billing, billingType, SupportAddress), "protected", ApplicationFixture.Now);
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

    private async Task<T> SendAsync<T>(ICommand<T> command)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private async Task SendAsync(ICommand command)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    private static MimeMessage Email(string subject, string text, string? inReplyTo = null) =>
        TestEmail.From(new MailboxAddress("Aisha Khan", Customer), new MailboxAddress("Support", SupportAddress), subject, text, inReplyTo);

    private Task<ReceiveEmail.Result> ReceiveAsync(MimeMessage message) =>
        SendAsync(new ReceiveEmail.Command(_mailbox, TestEmail.Raw(message), fixture.Clock.GetUtcNow()));

    /// <summary>Delivers what the outbox holds over SMTP and returns what the server got, with <paramref name="template"/>'s header.</summary>
    private async Task<MimeMessage> DeliveredAsync(string template)
    {
        await _services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
        return Assert.Single(await _smtp.WaitForAsync(m => m.Headers["X-HelpDesk-Template"] == template, $"from the {template} template")).Message;
    }

    private static void AssertThreaded(MimeMessage sent, string reference, string? answers, string replyTo)
    {
        Assert.Equal(1, Occurrences(sent.Subject ?? "", reference));
        Assert.Equal(answers, sent.InReplyTo);
        Assert.Equal(answers, sent.References.Last());
        Assert.Equal(replyTo, Assert.Single(sent.ReplyTo.Mailboxes).Address);
        Assert.StartsWith(QuotedHistory.ReplyMarker + "\n", (sent.TextBody ?? "").ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(QuotedHistory.ReplyMarker, sent.HtmlBody, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task A_reply_goes_out_threaded_on_the_customers_email_and_the_customers_answer_joins_the_same_case()
    {
        var first = Email("Charged twice for October", "The October invoice was taken twice.");
        var logged = await ReceiveAsync(first);
        var reference = logged.Reference!;
        // The acknowledgement was queued in the same save as the message it answers, and still threads on it.
        var acknowledgement = await DeliveredAsync(TemplateKeys.AcknowledgementEmail);
        AssertThreaded(acknowledgement, reference, first.MessageId, SupportAddress);

        fixture.CurrentUser.Actor = new Actor("agent-bea", "Bea Biller");
        await SendAsync(new ReplyToCustomer.Command(reference, "  Could you send us the bank statement showing both charges?  "));

        var reply = await DeliveredAsync(TemplateKeys.Reply);
        AssertThreaded(reply, reference, first.MessageId, SupportAddress);
        Assert.Equal($"[{reference}] Re: Charged twice for October", reply.Subject);
        Assert.Equal(Customer, Assert.Single(reply.To.Mailboxes).Address);
        Assert.Contains("Could you send us the bank statement showing both charges?", reply.TextBody, StringComparison.Ordinal);
        // First name only leaves the building.
        Assert.Contains("Bea\nBilling", (reply.TextBody ?? "").ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotContain("Biller", reply.TextBody, StringComparison.Ordinal);

        await using (var db = fixture.CreateDbContext())
        {
            var sent = await db.OutboxMessages.SingleAsync(m => m.TemplateKey == TemplateKeys.Reply);
            Assert.Equal(reply.MessageId, sent.MessageId);
            var complaint = await db.Complaints.Include(c => c.Timeline).SingleAsync(c => c.Reference == reference);
            Assert.Equal(complaint.Id, sent.CaseId);
            var staff = await db.CaseMessages.SingleAsync(m => m.ComplaintId == complaint.Id && m.Author == MessageAuthor.Staff);
            Assert.Equal(("Bea Biller", "Could you send us the bank statement showing both charges?", sent.Id, sent.MessageId), (staff.FromName, staff.Text, staff.OutboxMessageId, staff.EmailMessageId));
            var noted = Assert.Single(complaint.Timeline, e => e.Type == TimelineEventType.ReplySent);
            Assert.True(noted.VisibleToCustomer);
        }

        // The customer answers the reply, subject rewritten and no reference in it: it joins by In-Reply-To.
        var answer = Email("bank statement", "Attached is the statement.", inReplyTo: reply.MessageId);
        var joined = await ReceiveAsync(answer);
        Assert.Equal((MailOutcome.CustomerMessage, reference), (joined.Outcome, joined.Reference));

        // The next email answers that latest message, with the whole thread behind it.
        await SendAsync(new ReplyToCustomer.Command(reference, "Thank you, that is all we need."));
        await _services.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
        var second = Assert.Single(await _smtp.WaitForAsync(m => (m.TextBody ?? "").Contains("that is all we need", StringComparison.Ordinal), "with the second reply")).Message;
        AssertThreaded(second, reference, answer.MessageId, SupportAddress);
        Assert.Contains(reply.MessageId, second.References);

        var conversation = await fixture.SendAsync(new GetCaseConversation.Query(reference));
        Assert.Equal([MessageAuthor.Customer, MessageAuthor.Staff, MessageAuthor.Customer, MessageAuthor.Staff], conversation.Select(m => m.Author));
        Assert.Equal("Bea Biller (staff)", conversation[1].Who);
        Assert.Equal("Aisha Khan <aisha@example.com>", conversation[2].Who);
    }

    [Fact]
    public async Task The_response_and_the_survey_are_threaded_too_but_a_staff_notice_is_not()
    {
        var first = Email("Charged twice for October", "The October invoice was taken twice.");
        var reference = (await ReceiveAsync(first)).Reference!;

        await SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "A duplicate debit.", "We refunded the second charge.", CommunicationMethod.Email));

        AssertThreaded(await DeliveredAsync(TemplateKeys.Resolution), reference, first.MessageId, SupportAddress);
        AssertThreaded(await DeliveredAsync(TemplateKeys.SatisfactionSurvey), reference, first.MessageId, SupportAddress);

        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var caseId = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
        var notice = await scope.ServiceProvider.GetRequiredService<MessageOutbox>().QueueAsync(db, TemplateKeys.DueSoonNotice, new MessageRecipient("bea@example.test", "Bea Biller"),
            new Dictionary<string, string?>
            {
                [Placeholders.StaffName] = "Bea Biller",
                [Placeholders.Reference] = reference,
                [Placeholders.Subject] = "Charged twice",
                [Placeholders.Deadline] = "resolution",
                [Placeholders.DueAt] = "tomorrow",
                [Placeholders.CaseLink] = "https://desk.example/cases/" + reference,
            }, caseId, CancellationToken.None);
        Assert.Equal((null, null, null), (notice.InReplyTo, notice.References, notice.ReplyTo));
        Assert.DoesNotContain(QuotedHistory.ReplyMarker, notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_case_that_came_by_phone_says_Reply_To_the_configured_address_and_answers_nothing()
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        var reference = (await SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, typeId, CaseBuilder.Aisha))).Reference;
        await SendAsync(new AcknowledgeCase.Command(reference, null, AcknowledgementMethod.Verbal, _billing, null, null));

        await SendAsync(new ReplyToCustomer.Command(reference, "As promised on the phone: the refund is on its way."));

        var reply = await DeliveredAsync(TemplateKeys.Reply);
        Assert.Equal(DefaultReplyAddress, Assert.Single(reply.ReplyTo.Mailboxes).Address);
        Assert.Null(reply.InReplyTo);
        Assert.Empty(reply.References);
        Assert.Equal($"[{reference}] Re: Charged twice", reply.Subject);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task An_empty_reply_is_refused_on_its_text_and_nothing_is_sent(string? text)
    {
        var reference = (await ReceiveAsync(Email("Charged twice", "Twice."))).Reference!;

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ReplyToCustomer.Command(reference, text)));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(ReplyToCustomer.Command.Text));
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.TemplateKey == TemplateKeys.Reply));
    }

    [Fact]
    public async Task A_reply_longer_than_the_limit_is_refused_on_its_text()
    {
        var reference = (await ReceiveAsync(Email("Charged twice", "Twice."))).Reference!;

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ReplyToCustomer.Command(reference, new string('x', ReplyToCustomer.TextMaxLength + 1))));

        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(ReplyToCustomer.Command.Text));
    }

    [Fact]
    public async Task A_case_with_no_customer_email_cannot_be_replied_to_by_email()
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        var reference = (await SendAsync(CaseBuilder.Command(ApplicationFixture.Now, Channel.Phone, typeId, new CaseBuilder.Customer("Aisha Khan", Phone: "01234 567890")))).Reference;

        var refused = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ReplyToCustomer.Command(reference, "Hello.")));

        // The composer's channel is what is refused: the same case may be answered by phone (ComposerTests).
        Assert.Contains(refused.Errors, e => e.PropertyName == nameof(ReplyToCustomer.Command.Channel) && e.ErrorMessage.Contains("no customer email", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_closed_case_is_not_replied_to_and_an_agent_of_another_department_may_not_reply()
    {
        var reference = (await ReceiveAsync(Email("Charged twice", "Twice."))).Reference!;

        fixture.CurrentUser.DepartmentId = _billing + 1000;
        await Assert.ThrowsAsync<CaseActionNotPermittedException>(() => SendAsync(new ReplyToCustomer.Command(reference, "Hello.")));

        fixture.CurrentUser.DepartmentId = _billing;
        await SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "A duplicate debit.", "Refunded.", CommunicationMethod.Verbal));
        await SendAsync(new CloseCase.Command(reference));
        var closed = await Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ReplyToCustomer.Command(reference, "Hello.")));
        Assert.Contains(closed.Errors, e => e.ErrorMessage == "A closed case cannot be replied to; reopen it first.");
    }
}

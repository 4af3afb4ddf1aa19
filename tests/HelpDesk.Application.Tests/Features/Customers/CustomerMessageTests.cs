using FluentValidation;
using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Application.Tests.Features.Customers;

/// <summary>
/// docs/public-forms.md, "Writing on the status page", through <see cref="AddCustomerMessage"/> on real
/// PostgreSQL: each effect of a customer's message (the same as an emailed reply's), who is told, files
/// kept and refused by the email limits, what is refused outright; and the status link in case emails.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class CustomerMessageTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private const string Email = "aisha.khan@example.com";
    private int _frontDesk;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        await using var db = fixture.CreateDbContext();
        _frontDesk = await db.Departments.Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
        fixture.CurrentUser.DepartmentId = _frontDesk;
    }

    public Task DisposeAsync()
    {
        fixture.CurrentUser.Supervises = false;
        return Task.CompletedTask;
    }

    private async Task<string> SubmitAsync()
    {
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.SingleAsync(t => t.Name == "General");
        var result = await fixture.SendAsync(new SubmitComplaint.Command
        {
            CustomerName = "Aisha Khan",
            CustomerEmail = Email,
            ComplaintTypeId = general.Id,
            Subject = "Boiler not fixed",
            Description = "The engineer never came.",
        });
        return result.Reference!;
    }

    private Task<AddCustomerMessage.Result?> WriteAsync(string reference, string? text, params AddCustomerMessage.OfferedFile[] files) =>
        fixture.SendAsync(new AddCustomerMessage.Command(reference, Email.ToUpperInvariant(), text, files));

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

    private async Task<List<Domain.Messages.OutboxMessage>> NoticesAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.OutboxMessages.Where(m => m.TemplateKey == TemplateKeys.CustomerMessageNotice).ToListAsync();
    }

    [Fact]
    public async Task A_message_on_a_case_waiting_on_the_customer_resumes_it_and_is_kept_as_theirs_with_its_file()
    {
        var reference = await SubmitAsync();
        await fixture.SendAsync(new WaitOnCustomer.Command(reference, "Your account number."));
        var waiting = await StoredAsync(reference);
        fixture.Clock.Advance(TimeSpan.FromDays(2));

        var result = await WriteAsync(reference, "It is 12345.", new AddCustomerMessage.OfferedFile("../bill.pdf", "%PDF-1.4 bill"u8.ToArray()));

        Assert.NotNull(result);
        Assert.Equal((reference, CustomerMessageEffect.Resumed, (string?)null), (result.Reference, result.Effect, result.Refused));
        var resumed = await StoredAsync(reference);
        Assert.Equal(CaseStatus.InProgress, resumed.Status);
        Assert.True(resumed.ResolveDue > waiting.ResolveDue, "The resolution deadline moves later by the time spent waiting.");
        Assert.Contains(resumed.Timeline, e => e.Type == TimelineEventType.CustomerMessage && e.VisibleToCustomer && e.Summary == "The customer wrote on the status page");
        var message = Assert.Single(await MessagesAsync(reference));
        Assert.Equal((MessageAuthor.Customer, MessageChannel.StatusPage, "It is 12345.", Email), (message.Author, message.Channel, message.Text, message.FromAddress));
        var file = Assert.Single(message.Attachments);
        Assert.Equal(("bill.pdf", "application/pdf"), (file.FileName, file.ContentType));
    }

    [Fact]
    public async Task A_message_on_a_resolved_case_reopens_it()
    {
        var reference = await SubmitAsync();
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Missed slot.", "We have booked an engineer.", CommunicationMethod.Email));

        var result = await WriteAsync(reference, "Nobody came on Friday either.");

        Assert.Equal(CustomerMessageEffect.Reopened, result!.Effect);
        var reopened = await StoredAsync(reference);
        Assert.Equal((CaseStatus.InProgress, 1), (reopened.Status, reopened.ReopenCount));
    }

    [Fact]
    public async Task A_message_on_a_closed_case_logs_an_acknowledged_case_that_follows_it_and_keeps_the_message_there()
    {
        var reference = await SubmitAsync();
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Missed slot.", "We have booked an engineer.", CommunicationMethod.Email));
        await fixture.SendAsync(new RecordFollowUp.Command(reference, true, 5, null));
        await fixture.SendAsync(new CloseCase.Command(reference));

        var result = await WriteAsync(reference, "It broke again.");

        Assert.Equal(CustomerMessageEffect.FollowOnCaseNeeded, result!.Effect);
        Assert.NotEqual(reference, result.Reference);
        var followOn = await StoredAsync(result.Reference);
        Assert.Equal((reference, Channel.WebForm, CaseStatus.Acknowledged, Email, _frontDesk), (followOn.FollowsReference, followOn.Channel, followOn.Status, followOn.Customer.Email, followOn.DepartmentId));
        Assert.Equal("It broke again.", Assert.Single(await MessagesAsync(result.Reference)).Text);
        Assert.Empty(await MessagesAsync(reference));
        var closed = await StoredAsync(reference);
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Contains(closed.Timeline, e => e.Type == TimelineEventType.FollowsCase && e.Summary.Contains(result.Reference, StringComparison.Ordinal));
        await using var db = fixture.CreateDbContext();
        Assert.True(await db.OutboxMessages.AnyAsync(m => m.CaseId == followOn.Id && m.TemplateKey == TemplateKeys.AcknowledgementEmail));
    }

    [Fact]
    public async Task The_assignee_is_told_and_without_one_the_departments_supervisor()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        var bea = await seeder.EnsureStaffAsync("bea@helpdesk.test", "Bea Billings", "Bea password 2026!", HelpDesk.Application.Identity.StaffRoles.Agent, _frontDesk);
        var sam = await seeder.EnsureStaffAsync("sam@helpdesk.test", "Sam Supervisor", "Sam password 2026!", HelpDesk.Application.Identity.StaffRoles.Supervisor, _frontDesk);
        fixture.CurrentUser.Supervises = true;
        await fixture.SendAsync(new HelpDesk.Application.Features.Staff.SetDepartmentSupervisor.Command(_frontDesk, sam.Id));
        var unassigned = await SubmitAsync();
        var assigned = await SubmitAsync();
        await fixture.SendAsync(new ReferCase.Command(assigned, _frontDesk, bea.Id, "Bea knows the engineer."));
        await fixture.SendAsync(new WaitOnCustomer.Command(assigned, "The date it broke."));

        await WriteAsync(unassigned, "Any news?");
        await WriteAsync(assigned, "It broke on Monday.");

        var notices = await NoticesAsync();
        Assert.Equal(2, notices.Count);
        var toSupervisor = Assert.Single(notices, n => n.RecipientAddress == "sam@helpdesk.test");
        Assert.Contains(unassigned, toSupervisor.Subject, StringComparison.Ordinal);
        Assert.Contains("Nothing else changed.", toSupervisor.TextBody, StringComparison.Ordinal);
        var toAssignee = Assert.Single(notices, n => n.RecipientAddress == "bea@helpdesk.test");
        Assert.Contains(assigned, toAssignee.Subject, StringComparison.Ordinal);
        Assert.Contains("has resumed", toAssignee.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/cases/{assigned}", toAssignee.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_emailed_reply_takes_the_same_path_and_tells_the_assignee_too()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var bea = await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync("bea@helpdesk.test", "Bea Billings", "Bea password 2026!", HelpDesk.Application.Identity.StaffRoles.Agent, _frontDesk);
        fixture.CurrentUser.Supervises = true;
        var reference = await SubmitAsync();
        await fixture.SendAsync(new ReferCase.Command(reference, _frontDesk, bea.Id, null));
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var mailbox = Mailbox.Connect(new MailboxSettings("Support", "127.0.0.1", 143, MailboxSecurity.None, "support", null, _frontDesk, general, "support@helpdesk.test"), "protected", ApplicationFixture.Now);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
        var email = new MimeMessage();
        email.From.Add(new MailboxAddress("Aisha Khan", Email));
        email.To.Add(new MailboxAddress("Support", "support@helpdesk.test"));
        email.Subject = $"Re: {reference}";
        email.MessageId = $"{Guid.NewGuid():N}@mail.example.com";
        email.Body = new TextPart("plain") { Text = "Any news?" };
        using var raw = new MemoryStream();
        await email.WriteToAsync(raw);

        var received = await fixture.SendAsync(new ReceiveEmail.Command(mailbox.Id, raw.ToArray(), fixture.Clock.GetUtcNow()));

        Assert.Equal(MailOutcome.CustomerMessage, received.Outcome);
        Assert.Equal("bea@helpdesk.test", Assert.Single(await NoticesAsync()).RecipientAddress);
        Assert.Contains((await StoredAsync(reference)).Timeline, e => e.Summary == "The customer wrote by email");
    }

    [Fact]
    public async Task A_file_past_the_email_limit_is_refused_by_name_and_the_rest_is_kept()
    {
        var reference = await SubmitAsync();
        var large = new byte[(10 * 1024 * 1024) + 1];

        var result = await WriteAsync(reference, "Photos attached.",
            new AddCustomerMessage.OfferedFile("video.mov", large),
            new AddCustomerMessage.OfferedFile("photo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2]));

        Assert.Equal("Not kept: video.mov (10 MB) is larger than 10 MB a file.", result!.Refused);
        var message = Assert.Single(await MessagesAsync(reference));
        Assert.Equal(result.Refused, message.Refused);
        Assert.Equal(("photo.png", "image/png"), (Assert.Single(message.Attachments).FileName, message.Attachments[0].ContentType));
    }

    [Fact]
    public async Task An_empty_message_a_too_long_one_a_NUL_and_files_alone_that_are_all_refused_are_refused_and_nothing_is_stored()
    {
        var reference = await SubmitAsync();

        var empty = await Assert.ThrowsAsync<ValidationException>(() => WriteAsync(reference, "   "));
        Assert.Contains(empty.Errors, e => e.PropertyName == nameof(AddCustomerMessage.Command.Text) && e.ErrorMessage == "Write a message or choose a file to send.");
        var tooLong = await Assert.ThrowsAsync<ValidationException>(() => WriteAsync(reference, new string('a', AddCustomerMessage.TextMaxLength + 1)));
        Assert.Contains(tooLong.Errors, e => e.PropertyName == nameof(AddCustomerMessage.Command.Text));
        await Assert.ThrowsAsync<ValidationException>(() => WriteAsync(reference, "a\0b"));
        var allRefused = await Assert.ThrowsAsync<ValidationException>(() => WriteAsync(reference, null, new AddCustomerMessage.OfferedFile("video.mov", new byte[(10 * 1024 * 1024) + 1])));
        Assert.Contains(allRefused.Errors, e => e.PropertyName == nameof(AddCustomerMessage.Command.Files) && e.ErrorMessage.StartsWith("Not kept: video.mov", StringComparison.Ordinal));
        var tooMany = Enumerable.Range(0, AddCustomerMessage.MaxFiles + 1).Select(i => new AddCustomerMessage.OfferedFile($"{i}.txt", "x"u8.ToArray())).ToArray();
        await Assert.ThrowsAsync<ValidationException>(() => WriteAsync(reference, "Many.", tooMany));

        Assert.Empty(await MessagesAsync(reference));
        Assert.DoesNotContain((await StoredAsync(reference)).Timeline, e => e.Type == TimelineEventType.CustomerMessage);
    }

    [Fact]
    public async Task Another_customers_email_writes_on_nothing()
    {
        var reference = await SubmitAsync();

        Assert.Null(await fixture.SendAsync(new AddCustomerMessage.Command(reference, "mallory@example.net", "Close this case.", [])));
        Assert.Null(await fixture.SendAsync(new AddCustomerMessage.Command("HD-2026-000001-A", Email, "Hello.", [])));
        Assert.Empty(await MessagesAsync(reference));
    }

    [Fact]
    public async Task The_status_page_shows_the_customers_messages_and_staff_replies_by_first_name_and_never_another_senders()
    {
        var reference = await SubmitAsync();
        await WriteAsync(reference, "Any news?", new AddCustomerMessage.OfferedFile("bill.pdf", "%PDF-1.4 bill"u8.ToArray()));
        await using (var db = fixture.CreateDbContext())
        {
            var id = await db.Complaints.Where(c => c.Reference == reference).Select(c => c.Id).SingleAsync();
            db.CaseMessages.Add(CaseMessage.Received(id, MessageAuthor.OtherSender, MessageChannel.Email,
                new ReceivedMessage("mallory@example.net", "Mallory", "Re", "I am not the customer.", null, null, null, [CaseAttachment.Keep(id, "evil.txt", "x"u8.ToArray())], null), fixture.Clock.GetUtcNow()));
            db.CaseMessages.Add(CaseMessage.Reply(id, "Bea Billings", "An engineer comes on Friday.", MessageChannel.Email, "Re", null, null, fixture.Clock.GetUtcNow().AddMinutes(1)));
            await db.SaveChangesAsync();
        }

        var status = await fixture.SendAsync(new GetCaseStatus.Query(reference, Email));

        Assert.Equal(["You: Any news?", "Bea, Customer Service: An engineer comes on Friday."], status!.Conversation.Select(m => $"{m.From}: {m.Text}"));
        Assert.Equal("bill.pdf", Assert.Single(status.Conversation[0].Files).FileName);
        var file = status.Conversation[0].Files[0].Id;
        Assert.NotNull(await fixture.SendAsync(new GetCustomerAttachment.Query(reference, Email, file)));
        Assert.Null(await fixture.SendAsync(new GetCustomerAttachment.Query(reference, "mallory@example.net", file)));
        await using var read = fixture.CreateDbContext();
        var evil = await read.CaseAttachments.Where(a => a.FileName == "evil.txt").Select(a => a.Id).SingleAsync();
        Assert.Null(await fixture.SendAsync(new GetCustomerAttachment.Query(reference, Email, evil)));
        Assert.Contains(status.Updates, u => u.Text == "You wrote to us.");
    }

    [Fact]
    public async Task Every_customer_email_about_a_case_carries_a_status_link_that_opens_that_case_for_that_address()
    {
        var reference = await SubmitAsync();
        await fixture.SendAsync(new ResolveCase.Command(reference, ResolutionOutcome.Resolved, "Missed slot.", "We have booked an engineer.", CommunicationMethod.Email));
        await using var db = fixture.CreateDbContext();
        var sent = await db.OutboxMessages.Where(m => m.RecipientAddress == Email).ToListAsync();
        Assert.Equal(
            [TemplateKeys.AcknowledgementEmail, TemplateKeys.Resolution, TemplateKeys.SatisfactionSurvey],
            sent.Select(m => m.TemplateKey).Order(StringComparer.Ordinal));
        var links = fixture.Services.GetRequiredService<StatusLink>();
        foreach (var message in sent)
        {
            var token = System.Text.RegularExpressions.Regex.Match(message.TextBody, @"/status/link/(\S+)").Groups[1].Value;
            Assert.True(token.Length > 0, $"{message.TemplateKey} has a status link.");
            Assert.Contains($"/status/link/{token}", message.HtmlBody, StringComparison.Ordinal);
            Assert.Equal(new CaseAccess(reference, Email), links.Read(token));
        }
    }

    [Fact]
    public async Task A_tampered_cut_expired_or_foreign_token_opens_nothing()
    {
        await using var scope = fixture.Services.CreateAsyncScope();
        var links = fixture.Services.GetRequiredService<StatusLink>();
        var token = links.TokenFor("HD-2026-000001-A", Email);
        Assert.Equal(new CaseAccess("HD-2026-000001-A", Email), links.Read(token));

        var tampered = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        Assert.Null(links.Read(tampered));
        Assert.Null(links.Read(token[..^4]));
        Assert.Null(links.Read("not a token at all"));
        Assert.Null(links.Read(new string('A', CaseAccess.TokenMaxLength + 1)));
        var protection = fixture.Services.GetRequiredService<IDataProtectionProvider>();
        var expired = protection.CreateProtector(StatusLink.Purpose).ToTimeLimitedDataProtector().Protect($"HD-2026-000001-A\n{Email}", DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Null(links.Read(expired));
        // A survey token is HelpDesk's own too, but for another purpose.
        Assert.Null(links.Read(scope.ServiceProvider.GetRequiredService<SurveyInvitation>().TokenFor("HD-2026-000001-A")));
    }
}

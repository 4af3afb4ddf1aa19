using Deque.AxeCore.Playwright;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// Issue 14's journey in Chromium: a customer's email arrives at the support mailbox and becomes a
/// case; an agent finds it in their department's queue, reads the message and replies with the form;
/// the reply leaves through the host's SMTP server carrying the reference, the threading headers and
/// the marker; the customer answers it (In-Reply-To only, the subject rewritten) and the answer lands
/// on the same case, shown on its page, which passes axe.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class EmailConversationJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string Customer = "aisha.khan@example.com";
    private const string SupportAddress = "support@helpdesk.example";
    private int _mailbox;
    private TestImapServer _imap = null!;
    private ImapMailbox _account = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        _imap = await TestImapServer.GetAsync();
        _account = await _imap.CreateMailboxAsync("support");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        // New cases from the mailbox go to the agent's own department, so the agent works them.
        var frontDesk = await db.Departments.Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
        var billingIssues = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        // The password protected with the key ring every host on this database shares, so the journey's host reads it.
        var password = scope.ServiceProvider.GetRequiredService<MailboxPasswords>().Protect(_account.Password);
        var mailbox = Mailbox.Connect(
            new MailboxSettings("Support", TestImapServer.Host, _imap.Port, MailboxSecurity.None, _account.UserName, null, frontDesk, billingIssues, SupportAddress),
            password,
            DateTimeOffset.UtcNow);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
        _mailbox = mailbox.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>
    /// The customer's mail reaches the support mailbox as a mail server delivers it (IMAP APPEND to the
    /// real Dovecot); the host's own mailbox reader reads it. Waits for its receipt, which is written in
    /// the transaction that put it on a case.
    /// </summary>
    private async Task<(MailOutcome Outcome, string? Reference)> DeliverAsync(MimeMessage email)
    {
        await _imap.AppendAsync(_account, email);
        (MailOutcome Outcome, string? Reference)? handled = null;
        await ReadMailbox.WaitUntilAsync(
            async () =>
            {
                await using var db = fixture.CreateDbContext();
                var receipt = await db.MailReceipts.AsNoTracking()
                    .Where(r => r.MailboxId == _mailbox && r.MessageKey == email.MessageId)
                    .Select(r => new { r.Outcome, Reference = db.Complaints.Where(c => c.Id == r.ComplaintId).Select(c => c.Reference).FirstOrDefault() })
                    .SingleOrDefaultAsync();
                handled = receipt is null ? null : (receipt.Outcome, receipt.Reference);
                return handled is not null;
            },
            $"the host's reader to handle {email.MessageId}",
            TimeSpan.FromSeconds(30));
        return handled!.Value;
    }

    private static MimeMessage FromCustomer(string subject, string text, string? inReplyTo = null) =>
        TestEmail.From(new MailboxAddress("Aisha Khan", Customer), new MailboxAddress("Support", SupportAddress), subject, text, inReplyTo);

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0, $"{page.Url}: " + string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }

    [Fact]
    public async Task A_customers_email_becomes_a_case_an_agent_replies_from_the_case_page_and_the_customers_answer_lands_on_the_same_case()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        // This host reads the support mailbox, as every instance does by default.
        var settings = new Dictionary<string, string?>(smtp.HostSettings("desk@helpdesk.example"));
        foreach (var (key, value) in ReadMailbox.ReaderSettings())
        {
            settings[key] = value;
        }

        await using var host = new HelpDeskApp(fixture.ConnectionString, settings: settings);
        host.StartServer();

        // The customer writes to the support mailbox.
        var first = FromCustomer("Charged twice for November", "My card was charged twice on 3 November. Please refund one of them.");
        var logged = await DeliverAsync(first);
        Assert.Equal(MailOutcome.NewCase, logged.Outcome);
        var reference = logged.Reference!;

        // The agent signs in and finds it in the department's queue.
        var page = await Browser.NewPageAsync(host.BaseAddress);
        await page.GotoAsync("/cases");
        await page.GetByLabel("Email").FillAsync(WebFixture.AgentEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByTestId("queue-department").ClickAsync();
        var row = page.GetByTestId("case-row").Filter(new() { HasText = "Charged twice for November" });
        await Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(reference);

        // The customer's message is on the case page.
        var conversation = page.GetByTestId("conversation").Locator("> li");
        await Expect(conversation).ToHaveCountAsync(1);
        await Expect(conversation.Nth(0)).ToContainTextAsync("Aisha Khan <aisha.khan@example.com>");
        await Expect(conversation.Nth(0)).ToContainTextAsync("My card was charged twice on 3 November.");

        // The agent replies with the form.
        await page.Locator("details.action > summary", new() { HasText = "Reply to the customer" }).ClickAsync();
        await page.Locator("#composer").GetByLabel("Text", new() { Exact = true }).FillAsync("Thank you. Could you send us the bank statement that shows both charges?");
        await page.Locator("#composer").GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToHaveTextAsync("Reply emailed to the customer.");
        await Expect(conversation).ToHaveCountAsync(2);
        await Expect(conversation.Nth(1)).ToContainTextAsync("Alex Agent (staff)");

        // The reply reaches the customer threaded on their email.
        var reply = Assert.Single(await smtp.WaitForAsync(m => m.Headers["X-HelpDesk-Template"] == TemplateKeys.Reply, "from the reply template")).Message;
        Assert.Equal(Customer, Assert.Single(reply.To.Mailboxes).Address);
        Assert.Equal($"[{reference}] Re: Charged twice for November", reply.Subject);
        Assert.Equal(first.MessageId, reply.InReplyTo);
        Assert.Equal(first.MessageId, Assert.Single(reply.References));
        Assert.Equal(SupportAddress, Assert.Single(reply.ReplyTo.Mailboxes).Address);
        Assert.StartsWith(QuotedHistory.ReplyMarker, reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("Could you send us the bank statement that shows both charges?", reply.TextBody, StringComparison.Ordinal);
        Assert.Contains("Alex", reply.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex Agent", reply.TextBody, StringComparison.Ordinal);

        // The customer answers above the marker; the mail program quotes the rest and drops the reference.
        var quoted = string.Join('\n', reply.TextBody!.ReplaceLineEndings("\n").Split('\n').Select(line => "> " + line));
        var answer = FromCustomer("statement", $"Here it is: both charges are on page 2.\n\n{quoted}", inReplyTo: reply.MessageId);
        answer.References.Clear();
        var joined = await DeliverAsync(answer);
        Assert.Equal((MailOutcome.CustomerMessage, reference), (joined.Outcome, joined.Reference));

        await page.ReloadAsync();
        await Expect(conversation).ToHaveCountAsync(3);
        await Expect(conversation.Nth(2).Locator(".message-text")).ToHaveTextAsync("Here it is: both charges are on page 2.");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("The customer wrote by email");
        await AssertAccessibleAsync(page);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
        // Both emails were read from the mailbox and moved out of the folder the reader reads.
        await ReadMailbox.WaitUntilAsync(async () => (await _imap.ListAsync(_account)).Count == 0, "the customer's emails to leave INBOX");
    }
}

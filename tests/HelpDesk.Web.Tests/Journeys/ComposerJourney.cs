using Deque.AxeCore.Playwright;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Persistence;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Conversations;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// Issue 15's journey in Chromium at 1280 px: an administrator writes a canned response at
/// /admin/responses (a mistyped placeholder refused first); an agent answers a customer's email from
/// the composer, starting from that response ("Use this response" posts, no script needed), attaches a
/// file and sets the case waiting on the customer; the host's SMTP server receives the reply with the
/// file as a MIME part and the threading headers. Every page on the way passes axe (WCAG 2.1 A/AA).
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ComposerJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string Customer = "aisha.khan@example.com";
    private const string SupportAddress = "support@helpdesk.example";
    private int _mailbox;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var frontDesk = await db.Departments.Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync();
        var billingIssues = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        var mailbox = Mailbox.Connect(new MailboxSettings("Support", "127.0.0.1", 143, MailboxSecurity.None, "support", null, frontDesk, billingIssues, SupportAddress), "protected", DateTimeOffset.UtcNow);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
        _mailbox = mailbox.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0, $"{page.Url}: " + string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }

    private static async Task<IPage> SignedInAsync(Uri baseAddress, string email, string password)
    {
        var page = await Browser.NewPageAsync(baseAddress);
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    [Fact]
    public async Task An_agent_replies_from_a_canned_response_with_a_file_and_waits_on_the_customer_and_the_customer_receives_it_threaded()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        await using var host = new HelpDeskApp(fixture.ConnectionString, settings: smtp.HostSettings("desk@helpdesk.example"));
        host.StartServer();

        var first = TestEmail.From(new MailboxAddress("Aisha Khan", Customer), new MailboxAddress("Support", SupportAddress), "Charged twice for November", "My card was charged twice on 3 November.");
        string reference;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            reference = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ReceiveEmail.Command(_mailbox, TestEmail.Raw(first), DateTimeOffset.UtcNow))).Reference!;
        }

        // The administrator writes the canned response; a mistyped placeholder is refused beside the field.
        var admin = await SignedInAsync(host.BaseAddress, WebFixture.AdminEmail, WebFixture.AdminPassword);
        await admin.GotoAsync("/admin");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Canned responses" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Canned responses" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Write a canned response" }).ClickAsync();
        await AssertAccessibleAsync(admin);
        await admin.GetByLabel("Name").FillAsync("Ask for the statement");
        await admin.GetByLabel("Response").FillAsync("Dear {custmer_name}, please send the statement.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        await Expect(admin.Locator("[data-valmsg-for='Input.Body']")).ToContainTextAsync("{custmer_name} is not a placeholder");
        await Expect(admin.GetByLabel("Name")).ToHaveValueAsync("Ask for the statement");
        await AssertAccessibleAsync(admin);
        await admin.GetByLabel("Response").FillAsync("Thank you for your email about {subject}. Could you send us the bank statement that shows both charges for {reference}?");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        await Expect(admin.Locator(".confirmation")).ToContainTextAsync("Saved “Ask for the statement”.");
        await Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "Ask for the statement", Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync(admin);

        // The agent answers from the composer.
        var page = await SignedInAsync(host.BaseAddress, WebFixture.AgentEmail, WebFixture.AgentPassword);
        await page.GotoAsync($"/cases/{reference}");
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(reference);
        await AssertAccessibleAsync(page);
        var composer = page.Locator("#composer");
        await composer.Locator("summary").ClickAsync();
        await composer.GetByLabel("Start from a canned response").SelectOptionAsync(new SelectOptionValue { Label = "Ask for the statement" });
        await composer.GetByRole(AriaRole.Button, new() { Name = "Use this response" }).ClickAsync();
        var text = $"Thank you for your email about Charged twice for November. Could you send us the bank statement that shows both charges for {reference}?";
        await Expect(composer.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync(text);
        await AssertAccessibleAsync(page);

        var letter = "%PDF-1.4\nrefund form"u8.ToArray();
        await composer.GetByLabel("Attach files").SetInputFilesAsync(new FilePayload { Name = "refund-form.pdf", MimeType = "application/pdf", Buffer = letter });
        await composer.GetByLabel("Wait on the customer").CheckAsync();
        await composer.GetByLabel("Needed from the customer").FillAsync("The bank statement that shows both charges.");
        await composer.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToHaveTextAsync("Reply emailed to the customer; the case waits on the customer.");
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("Waiting on the customer: The bank statement that shows both charges.");
        var conversation = page.GetByTestId("conversation").Locator("> li");
        await Expect(conversation).ToHaveCountAsync(2);
        await Expect(conversation.Nth(1)).ToContainTextAsync("refund-form.pdf");
        await AssertAccessibleAsync(page);

        // The customer receives it: the words, the file as a MIME part, threaded on their email.
        var reply = Assert.Single(await smtp.WaitForAsync(m => m.Headers["X-HelpDesk-Template"] == TemplateKeys.Reply, "from the reply template")).Message;
        Assert.Equal(Customer, Assert.Single(reply.To.Mailboxes).Address);
        Assert.Equal($"[{reference}] Re: Charged twice for November", reply.Subject);
        Assert.Equal(first.MessageId, reply.InReplyTo);
        Assert.Equal(first.MessageId, Assert.Single(reply.References));
        Assert.Equal(SupportAddress, Assert.Single(reply.ReplyTo.Mailboxes).Address);
        Assert.Contains(text, reply.TextBody, StringComparison.Ordinal);
        var file = Assert.IsType<MimePart>(Assert.Single(reply.Attachments));
        Assert.Equal(("refund-form.pdf", "application/pdf"), (file.FileName, file.ContentType.MimeType));
        using var content = new MemoryStream();
        await file.Content!.DecodeToAsync(content);
        Assert.Equal(letter, content.ToArray());

        await using var db = fixture.CreateDbContext();
        var complaint = await db.Complaints.SingleAsync(c => c.Reference == reference);
        Assert.Equal(CaseStatus.WaitingOnCustomer, complaint.Status);
        // The reply said what is needed; no second email says it again.
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.TemplateKey == TemplateKeys.WaitingOnCustomer));
        Assert.Equal("refund-form.pdf", (await db.CaseAttachments.SingleAsync(a => a.ComplaintId == complaint.Id)).FileName);
    }
}

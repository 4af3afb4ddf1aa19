using System.Globalization;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Conversations;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// An administrator connects a mailbox on the real Dovecot in Chromium, tests the connection before
/// and after saving, pauses it, and reads why a message failed; the list, new and edit pages are each
/// checked by axe-core against WCAG 2.1 A and AA, empty, with messages and filled in.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class MailboxAdministrationJourney(WebFixture fixture) : IAsyncLifetime
{

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_administrator_connects_a_mailbox_tests_it_pauses_it_and_reads_why_a_message_failed_on_pages_that_pass_axe()
    {
        var imap = await TestImapServer.GetAsync();
        var account = await imap.CreateMailboxAsync("support");
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/admin");
        await page.GetByLabel("Email").FillAsync(WebFixture.AdminEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mailboxes" }).ClickAsync();
        await Expect(page.Locator(".empty")).ToContainTextAsync("No mailboxes yet");
        await page.AssertWcag21Async();

        await page.GetByRole(AriaRole.Link, new() { Name = "Connect a mailbox" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connect a mailbox" })).ToBeVisibleAsync();
        await page.AssertWcag21Async();
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect mailbox" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Name']")).ToHaveTextAsync("Enter the mailbox's name, e.g. Support.");
        await page.AssertWcag21Async();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Support");
        await page.GetByLabel("IMAP server").FillAsync(TestImapServer.TlsHost);
        await page.GetByLabel("Port", new() { Exact = true }).FillAsync(imap.StartTlsPort.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Security").SelectOptionAsync(new SelectOptionValue { Value = nameof(MailboxSecurity.StartTls) });
        await page.GetByLabel("User name").FillAsync(account.UserName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password");
        await page.GetByLabel("Department").SelectOptionAsync(new SelectOptionValue { Label = DatabaseSeeder.DefaultDepartment });
        await page.GetByLabel("Complaint type").SelectOptionAsync(new SelectOptionValue { Label = "Billing issues" });
        await page.GetByLabel("Reply address").FillAsync("support@helpdesk.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.GetByTestId("connection-result")).ToHaveTextAsync("The server refused the user name or password.");
        // What was typed stays, the password apart: it is never sent back to the browser.
        await Expect(page.GetByLabel("User name")).ToHaveValueAsync(account.UserName);
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.GetByTestId("connection-result")).ToHaveTextAsync("Connected: signed in and opened INBOX.");
        await page.AssertWcag21Async();
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(account.Password);
        // Saved from the keyboard: Enter in a field submits with the form's first button... which is Test
        // connection, so focus the save button and press Enter on it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect mailbox" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("Mailbox Support connected");

        int id;
        await using (var db = fixture.CreateDbContext())
        {
            id = await db.Mailboxes.Where(m => m.Name == "Support").Select(m => m.Id).SingleAsync();
            db.MailFailures.Add(FailedMail.SetAside(id, "Broken attachment", "jordan@customer.example", "The message could not be read: unexpected end of MIME part.", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        await page.ReloadAsync();
        var row = page.GetByTestId($"mailbox-{id}");
        await Expect(row).ToContainTextAsync($"{TestImapServer.TlsHost}:{imap.StartTlsPort} (STARTTLS)");
        await page.AssertWcag21Async();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause Support" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("Paused");
        await Expect(row).ToContainTextAsync("Paused");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Support" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mailbox Support" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("failures")).ToContainTextAsync("unexpected end of MIME part");
        await Expect(page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await page.AssertWcag21Async();
        // A blank password tests the stored one: the same server it was given for.
        await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        await Expect(page.GetByTestId("connection-result")).ToHaveTextAsync("Connected: signed in and opened INBOX.");
        await page.AssertWcag21Async();
    }
}

using System.Globalization;
using System.Net;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Conversations;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The mailbox pages over HTTP on the real host, with "test connection" against the real Dovecot.</summary>
[Collection(WebCollection.Name)]
public sealed class MailboxPagesTests(WebFixture fixture) : IAsyncLifetime
{
    private string _department = "";
    private string _type = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var db = fixture.CreateDbContext();
        _department = (await db.Departments.Where(d => d.Name == DatabaseSeeder.DefaultDepartment).Select(d => d.Id).SingleAsync()).ToString(CultureInfo.InvariantCulture);
        _type = (await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> AdministratorAsync()
    {
        var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        return client;
    }

    private List<KeyValuePair<string, string>> Fields(string name = "Support", string host = "imap.example.com", string port = "993", string security = "Tls",
        string user = "support@example.com", string password = "imap password 2026", string folder = "", string replyAddress = "support@example.com") =>
    [
        new("Input.Name", name),
        new("Input.Host", host),
        new("Input.Port", port),
        new("Input.Security", security),
        new("Input.UserName", user),
        new("Input.Password", password),
        new("Input.Folder", folder),
        new("Input.DepartmentId", _department),
        new("Input.ComplaintTypeId", _type),
        new("Input.ReplyAddress", replyAddress),
    ];

    private async Task<Mailbox> StoredAsync(string name)
    {
        await using var db = fixture.CreateDbContext();
        return await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Name == name);
    }

    private static string? Message(AngleSharp.Html.Dom.IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='Input.{field}']")?.TextContent.Trim();

    [Fact]
    public async Task An_administrator_connects_a_mailbox_on_the_form_and_sees_it_listed_with_its_password_kept_protected()
    {
        using var admin = await AdministratorAsync();
        var empty = await admin.GetPageAsync("/admin/mailboxes");
        Assert.Contains("No mailboxes yet", empty.QuerySelector(".empty")!.TextContent, StringComparison.Ordinal);

        var refused = await admin.SubmitAsync("/admin/mailboxes/new", Fields(), withToken: false);
        var response = await admin.SubmitAsync("/admin/mailboxes/new", Fields());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/mailboxes", response.Headers.Location!.OriginalString);
        var list = await admin.GetPageAsync("/admin/mailboxes");
        Assert.Contains("Mailbox Support connected", list.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        var stored = await StoredAsync("Support");
        var row = list.QuerySelector($"[data-testid=mailbox-{stored.Id}]")!.TextContent;
        Assert.Contains("imap.example.com:993 (TLS)", row, StringComparison.Ordinal);
        Assert.Contains(Mailbox.DefaultFolder, row, StringComparison.Ordinal);
        Assert.Contains(DatabaseSeeder.DefaultDepartment, row, StringComparison.Ordinal);
        Assert.Equal("imap password 2026", fixture.App.Services.GetRequiredService<MailboxPasswords>().Unprotect(stored.ProtectedPassword));
        var edit = await admin.GetPageAsync($"/admin/mailboxes/{stored.Id}");
        Assert.Equal("imap.example.com", edit.QuerySelector("input[name='Input.Host']")!.GetAttribute("value"));
        Assert.Null(edit.QuerySelector("input[name='Input.Password']")!.GetAttribute("value"));
        Assert.DoesNotContain("imap password 2026", edit.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.ProtectedPassword, edit.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_re_renders_with_what_was_typed_and_a_message_beside_each_field_but_never_the_password()
    {
        using var admin = await AdministratorAsync();

        var response = await admin.SubmitAsync("/admin/mailboxes/new", Fields(name: "", host: "imap example com", port: "70000", user: "", replyAddress: "support at example"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Enter the mailbox's name, e.g. Support.", Message(page, "Name"));
        Assert.Equal("Enter a server name such as imap.example.com, or an IP address.", Message(page, "Host"));
        Assert.Contains("from 1 to 65535", Message(page, "Port"), StringComparison.Ordinal);
        Assert.Equal("Enter the user name the mailbox signs in with.", Message(page, "UserName"));
        Assert.Equal("Enter an email address like support@example.com.", Message(page, "ReplyAddress"));
        Assert.Equal("imap example com", page.QuerySelector("input[name='Input.Host']")!.GetAttribute("value"));
        Assert.Equal("70000", page.QuerySelector("input[name='Input.Port']")!.GetAttribute("value"));
        Assert.Equal("support at example", page.QuerySelector("input[name='Input.ReplyAddress']")!.GetAttribute("value"));
        Assert.Equal("Tls", page.QuerySelector("select[name='Input.Security'] option[selected]")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("input[name='Input.Password']")!.GetAttribute("value"));
        Assert.DoesNotContain("imap password 2026", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.Mailboxes.AnyAsync());
    }

    [Fact]
    public async Task An_edit_with_a_blank_password_keeps_it_for_the_same_server_and_asks_for_it_again_for_another()
    {
        using var admin = await AdministratorAsync();
        await admin.SubmitAsync("/admin/mailboxes/new", Fields());
        var before = await StoredAsync("Support");
        var url = $"/admin/mailboxes/{before.Id}";

        var kept = await admin.SubmitAsync(url, Fields(name: "Customer support", password: "", folder: "Support"));
        var moved = await admin.SubmitAsync(url, Fields(name: "Customer support", host: "imap.elsewhere.example", password: ""));

        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var after = await StoredAsync("Customer support");
        Assert.Equal(("Support", before.ProtectedPassword), (after.Folder, after.ProtectedPassword));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var page = await moved.ReadDocumentAsync();
        Assert.Contains("never sends a stored password to a different server", Message(page, "Password"), StringComparison.Ordinal);
        Assert.Equal("imap.elsewhere.example", page.QuerySelector("input[name='Input.Host']")!.GetAttribute("value"));
        Assert.Equal("imap.example.com", (await StoredAsync("Customer support")).Host);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri("/admin/mailboxes/999999", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Pausing_and_resuming_from_the_list_says_so_and_the_row_shows_it()
    {
        using var admin = await AdministratorAsync();
        await admin.SubmitAsync("/admin/mailboxes/new", Fields());
        var id = (await StoredAsync("Support")).Id;

        var paused = await admin.SubmitAsync($"/admin/mailboxes?handler=Pause&id={id}", []);
        var list = await admin.GetPageAsync("/admin/mailboxes");

        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Contains("Paused", list.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.False((await StoredAsync("Support")).IsActive);
        var button = list.QuerySelector($"[data-testid=mailbox-{id}] form button")!;
        Assert.StartsWith("Resume", button.TextContent.Trim(), StringComparison.Ordinal);

        await admin.SubmitAsync($"/admin/mailboxes?handler=Resume&id={id}", []);
        Assert.True((await StoredAsync("Support")).IsActive);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SubmitAsync("/admin/mailboxes?handler=Pause&id=999999", [])).StatusCode);
    }

    [Fact]
    public async Task The_edit_page_shows_the_last_problem_and_the_messages_that_failed_with_their_reasons()
    {
        using var admin = await AdministratorAsync();
        await admin.SubmitAsync("/admin/mailboxes/new", Fields());
        var id = (await StoredAsync("Support")).Id;
        await using (var db = fixture.CreateDbContext())
        {
            var mailbox = await db.Mailboxes.SingleAsync(m => m.Id == id);
            mailbox.RecordProblem("The server refused the user name or password.", DateTimeOffset.UtcNow);
            db.MailFailures.Add(FailedMail.SetAside(id, "Broken attachment", "jordan@example.com", "The message could not be read.", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var page = await admin.GetPageAsync($"/admin/mailboxes/{id}");
        var list = await admin.GetPageAsync("/admin/mailboxes");

        Assert.Contains("The server refused the user name or password.", page.QuerySelector("[data-testid=last-error]")!.TextContent, StringComparison.Ordinal);
        var row = page.QuerySelector("[data-testid=failures] tbody tr")!.TextContent;
        Assert.Contains("Broken attachment", row, StringComparison.Ordinal);
        Assert.Contains("jordan@example.com", row, StringComparison.Ordinal);
        Assert.Contains("The message could not be read.", row, StringComparison.Ordinal);
        Assert.Contains("The server refused the user name or password.", list.QuerySelector($"[data-testid=mailbox-{id}]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_test_connection_button_answers_in_one_sentence_with_the_typed_password_or_the_stored_one()
    {
        var imap = await TestImapServer.GetAsync();
        var account = await imap.CreateMailboxAsync();
        using var admin = await AdministratorAsync();
        var plain = Fields(host: TestImapServer.Host, port: imap.Port.ToString(CultureInfo.InvariantCulture), security: "None", user: account.UserName, password: account.Password);

        var connected = await admin.SubmitAsync("/admin/mailboxes/new?handler=TestConnection", plain);
        var refused = await admin.SubmitAsync("/admin/mailboxes/new?handler=TestConnection",
            Fields(host: TestImapServer.Host, port: imap.Port.ToString(CultureInfo.InvariantCulture), security: "None", user: account.UserName, password: "wrong"));

        var page = await connected.ReadDocumentAsync();
        Assert.Equal("Connected: signed in and opened INBOX.", page.QuerySelector("[data-testid=connection-result]")!.TextContent.Trim());
        Assert.Equal(TestImapServer.Host, page.QuerySelector("input[name='Input.Host']")!.GetAttribute("value"));
        Assert.Null(page.QuerySelector("input[name='Input.Password']")!.GetAttribute("value"));
        // Shown at ?handler=TestConnection, the form still saves to the page itself, not to another test.
        Assert.Equal("/admin/mailboxes/new", page.QuerySelector("form.form")!.GetAttribute("action"));
        Assert.Equal("The server refused the user name or password.", (await refused.ReadDocumentAsync()).QuerySelector("[data-testid=connection-result]")!.TextContent.Trim());
        await using (var db = fixture.CreateDbContext())
        {
            Assert.False(await db.Mailboxes.AnyAsync());
        }

        await admin.SubmitAsync("/admin/mailboxes/new", plain);
        var id = (await StoredAsync("Support")).Id;
        var stored = await admin.SubmitAsync($"/admin/mailboxes/{id}?handler=TestConnection", Fields(host: TestImapServer.Host, port: imap.Port.ToString(CultureInfo.InvariantCulture), security: "None", user: account.UserName, password: ""));
        Assert.Equal("Connected: signed in and opened INBOX.", (await stored.ReadDocumentAsync()).QuerySelector("[data-testid=connection-result]")!.TextContent.Trim());
    }

    public static TheoryData<string, string, string> Hostile => new()
    {
        { "NUL in the name", "Input.Name", "Supp\0ort" },
        { "NUL in the host", "Input.Host", "imap\0.example.com" },
        { "a huge port", "Input.Port", "99999999999999999999" },
        { "a negative port", "Input.Port", "-1" },
        { "an unknown security", "Input.Security", "Ssl3" },
        { "security as a number", "Input.Security", "42" },
        { "an unknown department", "Input.DepartmentId", "2147483647" },
        { "a department that is not a number", "Input.DepartmentId", "billing" },
        { "a very long user name", "Input.UserName", new string('u', 100_000) },
        { "a header on the user name", "Input.UserName", "support\r\nA1 LOGOUT" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_input_on_every_mailbox_form_is_refused_without_a_server_error_and_nothing_is_stored(string what, string field, string value)
    {
        Assert.NotEmpty(what);
        using var admin = await AdministratorAsync();
        await admin.SubmitAsync("/admin/mailboxes/new", Fields(name: "Existing"));
        var id = (await StoredAsync("Existing")).Id;
        // Loopback and a port nothing listens on: a test connection that gets past validation goes nowhere else.
        var fields = Fields(name: "Hostile", host: TestImapServer.Host, port: "1", security: "None").Where(f => f.Key != field).Append(new(field, value)).ToList();

        foreach (var url in new[] { "/admin/mailboxes/new", "/admin/mailboxes/new?handler=TestConnection", $"/admin/mailboxes/{id}", $"/admin/mailboxes/{id}?handler=TestConnection" })
        {
            using var response = await admin.SubmitAsync(url, fields);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{url} answered {(int)response.StatusCode}");
        }

        await using var db = fixture.CreateDbContext();
        Assert.Equal(["Existing"], await db.Mailboxes.Select(m => m.Name).ToListAsync());
    }
}

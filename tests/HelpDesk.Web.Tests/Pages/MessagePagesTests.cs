using System.Net;
using System.Text.Json;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The administrators' message pages over HTTP on the real host (which has no SMTP server configured).</summary>
[Collection(WebCollection.Name)]
public sealed class MessagePagesTests(WebFixture fixture) : IAsyncLifetime
{
    private const string EditUrl = "/admin/messages/templates/" + TemplateKeys.ExtensionNotice;

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = fixture.CreateClient();
        await client.SignInAsync(email, password);
        return client;
    }

    private Task<HttpClient> AdministratorAsync() => SignedInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

    private async Task<Guid> QueueAsync(string customerName, bool givenUp = false, HelpDeskApp? app = null)
    {
        await using var scope = (app ?? fixture.App).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var message = await scope.ServiceProvider.GetRequiredService<MessageOutbox>().QueueAsync(db, TemplateKeys.ExtensionNotice, new MessageRecipient("jordan@example.test", customerName), new Dictionary<string, string?>
        {
            [Placeholders.Reference] = "HD-2026-000001-B",
            [Placeholders.CustomerName] = customerName,
            [Placeholders.Subject] = "Charged twice",
            [Placeholders.ReferredTo] = "Sam",
            [Placeholders.HandledBy] = "Sam in Billing",
            [Placeholders.SignedBy] = "Sam\nBilling",
            [Placeholders.Department] = "Billing",
            [Placeholders.ExpectedBy] = "Friday 4 December 2026",
            [Placeholders.Reason] = "the bank has not answered yet.",
        }, null, CancellationToken.None);
        if (givenUp)
        {
            message.RecordFailure(DateTimeOffset.UtcNow, DeliveryOutcome.Rejected, "550 5.1.1 No such user", new RetrySchedule(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), 1), "test-worker");
        }

        await db.SaveChangesAsync();
        return message.Id;
    }

    [Fact]
    public async Task Only_administrators_reach_the_message_pages()
    {
        var id = await QueueAsync("Jordan");
        string[] urls = ["/admin/messages/templates", EditUrl, "/admin/messages/outbox", $"/admin/messages/outbox/{id}"];
        using var anonymous = fixture.CreateClient();
        using var agent = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        using var admin = await AdministratorAsync();

        foreach (var url in urls)
        {
            var asAnonymous = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
            Assert.StartsWith("/account/sign-in", asAnonymous.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

            var asAgent = await agent.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, asAgent.StatusCode);
            Assert.StartsWith("/account/access-denied", asAgent.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);

            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task The_template_list_shows_every_message_with_links_to_edit_it()
    {
        using var admin = await AdministratorAsync();

        var page = await admin.GetPageAsync("/admin/messages/templates");

        var links = page.QuerySelectorAll("table a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(StandardMessages.All.Select(m => "/admin/messages/templates/" + m.Key), links);
        Assert.Contains("Standard wording", page.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_placeholder_re_renders_the_form_with_what_was_typed_and_the_placeholder_named()
    {
        using var admin = await AdministratorAsync();

        var response = await admin.SubmitAsync(EditUrl, [new("Input.Subject", "New date for {refrence}"), new("Input.Body", "Dear {customer_name}")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("{refrence} is not a placeholder", page.QuerySelector("[data-valmsg-for='Input.Subject']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("New date for {refrence}", page.QuerySelector("#Input_Subject")!.GetAttribute("value"));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(StandardMessages.Find(TemplateKeys.ExtensionNotice)!.Subject, (await db.MessageTemplates.SingleAsync(t => t.Key == TemplateKeys.ExtensionNotice)).Subject);
    }

    [Fact]
    public async Task A_valid_edit_is_saved_and_confirmed()
    {
        using var admin = await AdministratorAsync();

        var response = await admin.SubmitAsync(EditUrl, [new("Input.Subject", "Your case {reference}: new date {expected_by}"), new("Input.Body", "Dear {customer_name},\n\nBecause {reason}")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Saved.", page.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        var stored = await db.MessageTemplates.SingleAsync(t => t.Key == TemplateKeys.ExtensionNotice);
        Assert.Equal(("Your case {reference}: new date {expected_by}", "Ada Administrator"), (stored.Subject, stored.UpdatedBy));
    }

    [Fact]
    public async Task The_live_preview_answers_json_with_sample_values_or_the_problems()
    {
        using var admin = await AdministratorAsync();
        var token = (await admin.GetPageAsync(EditUrl)).AntiForgeryToken();

        async Task<JsonElement> PreviewAsync(string subject, string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(EditUrl + "?handler=Preview", UriKind.Relative))
            {
                Content = new FormUrlEncodedContent([new("Input.Subject", subject), new("Input.Body", body), new("__RequestVerificationToken", token)]),
            };
            request.Headers.Accept.ParseAdd("application/json");
            var response = await admin.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        var good = await PreviewAsync("New date {expected_by}", "Dear {customer_name}");
        Assert.Equal("New date Friday 4 December 2026", good.GetProperty("subject").GetString());
        Assert.Equal("Dear Jordan Example", good.GetProperty("text").GetString());
        Assert.Equal(0, good.GetProperty("problems").GetArrayLength());

        var bad = await PreviewAsync("New date {expected_by", "Dear {name}");
        Assert.Equal(JsonValueKind.Null, bad.GetProperty("subject").ValueKind);
        var problems = bad.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.Contains(problems, p => p.Contains("never closed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("{name}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_script_the_preview_button_shows_the_preview_beside_the_form()
    {
        using var admin = await AdministratorAsync();

        var response = await admin.SubmitAsync(EditUrl + "?handler=Preview", [new("Input.Subject", "New date {expected_by}"), new("Input.Body", "Dear {customer_name}")]);

        var page = await response.ReadDocumentAsync();
        Assert.Equal("New date Friday 4 December 2026", page.QuerySelector("[data-preview=subject]")!.TextContent);
        Assert.Equal("Dear {customer_name}", page.QuerySelector("#Input_Body")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("script:not([src])"));
    }

    [Fact]
    public async Task The_outbox_shows_what_would_have_been_sent_when_no_smtp_server_is_configured()
    {
        var id = await QueueAsync("<b>Jordan</b>");
        using var admin = await AdministratorAsync();

        var list = await admin.GetPageAsync("/admin/messages/outbox");
        Assert.Contains("No SMTP server is configured", list.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var row = Assert.Single(list.QuerySelectorAll("[data-testid=outbox-row]"));
        Assert.Contains("Pending", row.TextContent, StringComparison.Ordinal);
        Assert.Empty((await admin.GetPageAsync("/admin/messages/outbox?status=Sent")).QuerySelectorAll("[data-testid=outbox-row]"));

        var message = await admin.GetPageAsync($"/admin/messages/outbox/{id}");
        Assert.Contains("An update on your case HD-2026-000001-B", message.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Dear <b>Jordan</b>,", message.QuerySelector("[data-testid=text-body]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(message.QuerySelector("[data-testid=text-body] b"));
        Assert.Contains("No attempts yet", message.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_retries_a_given_up_message_from_the_outbox()
    {
        var id = await QueueAsync("Jordan", givenUp: true);
        using var admin = await AdministratorAsync();
        var list = await admin.GetPageAsync("/admin/messages/outbox?status=GivenUp");
        var form = Assert.Single(list.QuerySelectorAll("[data-testid=outbox-row] form"));

        using var withoutToken = new FormUrlEncodedContent([]);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), withoutToken)).StatusCode);
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", list.AntiForgeryToken())]);
        var response = await admin.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("sent again", after.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        var stored = await db.OutboxMessages.SingleAsync(m => m.Id == id);
        Assert.Equal((OutboxStatus.Pending, 0), (stored.Status, stored.Attempts));
    }

    [Fact]
    public async Task With_smtp_configured_the_web_hosts_worker_sends_the_message_and_the_outbox_shows_it_sent()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        await using var sending = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
        });
        sending.StartServer();

        var id = await QueueAsync("Jordan", app: sending);

        await smtp.WaitForAsync(1);
        var (message, envelope) = Assert.Single(await smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext));
        Assert.Equal(["jordan@example.test"], envelope);
        Assert.Equal("desk@helpdesk.example", message.From.Mailboxes.Single().Address);
        using var admin = await AdministratorAsync();
        var page = await admin.GetPageAsync($"/admin/messages/outbox/{id}");
        Assert.Contains("Sent", page.QuerySelector("h1 .status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"<{message.MessageId}>", page.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sent", page.QuerySelector("section[aria-labelledby=attempts] tbody td:nth-child(2)")!.TextContent);
    }
}

internal static class LocationExtensions
{
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}

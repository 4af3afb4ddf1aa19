using System.Globalization;
using System.Net;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// What customers type on the public complaint form is text wherever it is shown again: the status
/// page, the staff case page, the queue, search and the acknowledgement email received over SMTP.
/// Line breaks cannot smuggle headers or recipients into that email, and the public pages are never
/// cached. Each test runs its own host, with an SMTP server and a generous rate limit.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CustomerTextSecurityTests(WebFixture fixture) : IAsyncLifetime
{
    private const string Name = "<img src=x onerror=alert(1)>Aisha";
    private const string Subject = "<script>alert('subject')</script> Zebracorn bill";
    private const string Description = "<b>bold</b> <a href=\"javascript:alert(2)\">click</a> & <iframe src=//evil.test></iframe>";

    private readonly TestSmtpServer _smtp = new();
    private HelpDeskApp _app = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        _smtp.Start();
        _app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
            ["HelpDesk:PublicForms:PermitLimit"] = "1000",
        });
        _app.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<List<KeyValuePair<string, string>>> FormAsync(string name = Name, string email = "aisha.khan@example.com", string subject = Subject, string description = Description)
    {
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        return
        [
            new("Input.CustomerName", name),
            new("Input.CustomerEmail", email),
            new("Input.CustomerPhone", ""),
            new("Input.Website", ""),
            new("Input.ComplaintTypeId", general.ToString(CultureInfo.InvariantCulture)),
            new("Input.Subject", subject),
            new("Input.Description", description),
        ];
    }

    private static async Task<HttpResponseMessage> PostComplaintAsync(HttpClient client, List<KeyValuePair<string, string>> form)
    {
        var page = await client.GetPageAsync("/complaints/new");
        var fields = form.Append(new("Input.FormToken", page.QuerySelector("input[name='Input.FormToken']")!.GetAttribute("value")!))
            .Append(new("__RequestVerificationToken", page.AntiForgeryToken()));
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/complaints/new", UriKind.Relative), content);
    }

    private async Task<string> SubmitAsync(List<KeyValuePair<string, string>> form)
    {
        using var client = fixture.CreateClient(_app);
        using var response = await PostComplaintAsync(client, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var received = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        return received.QuerySelector("#reference")!.TextContent.Trim();
    }

    private async Task<(MimeMessage Message, IReadOnlyList<string> EnvelopeTo)> SingleMessageAsync()
    {
        await _smtp.WaitForAsync(1);
        return Assert.Single(await _smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext));
    }

    /// <summary>No tag the customer typed survives as markup: the raw HTML holds only their escaped form.</summary>
    private static void AssertNoCustomerMarkup(string html, string where)
    {
        foreach (var tag in new[] { "<script>alert", "<img src=x", "<b>bold", "<a href=\"javascript:", "<iframe" })
        {
            Assert.False(html.Contains(tag, StringComparison.OrdinalIgnoreCase), $"{where} carries the customer's markup {tag}");
        }
    }

    [Fact]
    public async Task Html_in_a_public_complaint_is_text_on_the_status_page()
    {
        var reference = await SubmitAsync(await FormAsync());
        using var client = fixture.CreateClient(_app);

        using var response = await client.SubmitAsync("/status", [new("Input.Reference", reference), new("Input.Contact", "aisha.khan@example.com")]);

        var html = await response.Content.ReadAsStringAsync();
        var page = await response.ReadDocumentAsync();
        Assert.Equal(Subject, page.QuerySelector("#status-subject")!.TextContent);
        AssertNoCustomerMarkup(html, "/status");
    }

    [Fact]
    public async Task Html_in_a_public_complaint_is_text_on_the_staff_case_page_queue_and_search()
    {
        var reference = await SubmitAsync(await FormAsync());
        using var agent = fixture.CreateClient(_app);
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        using var casePage = await agent.GetAsync(new Uri($"/cases/{reference}", UriKind.Relative));
        using var queue = await agent.GetAsync(new Uri("/cases?queue=unassigned", UriKind.Relative));
        using var search = await agent.GetAsync(new Uri("/cases/search?q=Zebracorn", UriKind.Relative));

        var caseDocument = await casePage.ReadDocumentAsync();
        Assert.Equal(Subject, caseDocument.QuerySelector(".case-header .subject")!.TextContent);
        Assert.Contains(Name, caseDocument.QuerySelector(".case-header .facts")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Description, caseDocument.QuerySelectorAll(".multiline").Select(e => e.TextContent), StringComparer.Ordinal);
        var queueRow = Assert.Single((await queue.ReadDocumentAsync()).QuerySelectorAll("[data-testid=case-row]"));
        Assert.Contains(Subject, queueRow.TextContent, StringComparison.Ordinal);
        Assert.Contains(Name, queueRow.TextContent, StringComparison.Ordinal);
        var searchText = (await search.ReadDocumentAsync()).QuerySelector("main")!.TextContent;
        Assert.Contains(Subject, searchText, StringComparison.Ordinal);
        Assert.Contains(Name, searchText, StringComparison.Ordinal);
        AssertNoCustomerMarkup(await casePage.Content.ReadAsStringAsync(), "/cases/{reference}");
        AssertNoCustomerMarkup(await queue.Content.ReadAsStringAsync(), "/cases");
        AssertNoCustomerMarkup(await search.Content.ReadAsStringAsync(), "/cases/search");
    }

    [Fact]
    public async Task Html_in_a_public_complaint_is_text_in_the_acknowledgement_email()
    {
        await SubmitAsync(await FormAsync());

        var (message, envelope) = await SingleMessageAsync();

        Assert.Equal(["aisha.khan@example.com"], envelope);
        Assert.Equal(Name, message.To.Mailboxes.Single().Name);
        Assert.Contains($"Dear {Name},", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"\"{Subject}\"", message.TextBody, StringComparison.Ordinal);
        AssertNoCustomerMarkup(message.HtmlBody ?? "", "the acknowledgement's HTML body");
        Assert.Contains("&lt;script&gt;alert(", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;Aisha", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.CustomerName", "\r\n")]
    [InlineData("Input.CustomerEmail", "\r\n")]
    [InlineData("Input.Subject", "\r\n")]
    [InlineData("Input.Subject", "\n")]
    [InlineData("Input.Subject", "\r")]
    [InlineData("Input.Subject", "\u2028")]
    public async Task A_line_break_and_a_bcc_header_in_a_header_field_add_no_header_and_no_recipient(string field, string lineBreak)
    {
        var form = await FormAsync(name: "Aisha Khan", subject: "Charged twice");
        var injected = form.Select(f => f.Key == field ? new KeyValuePair<string, string>(field, f.Value + lineBreak + "Bcc: x@evil.test") : f).ToList();
        using var client = fixture.CreateClient(_app);

        using var refused = await PostComplaintAsync(client, injected);
        var reference = await SubmitAsync(form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("one line", (await refused.ReadDocumentAsync()).QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        var (message, envelope) = await SingleMessageAsync();
        Assert.Equal(["aisha.khan@example.com"], envelope);
        Assert.Contains(reference, message.Subject, StringComparison.Ordinal);
        Assert.Empty(message.Bcc);
        Assert.Empty(message.Cc);
        Assert.DoesNotContain(message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("evil.test", message.Headers.ToString(), StringComparison.OrdinalIgnoreCase);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task Every_public_page_and_answer_is_sent_with_cache_control_no_store()
    {
        var reference = await SubmitAsync(await FormAsync(name: "Aisha Khan"));
        using var client = fixture.CreateClient(_app);

        using var complaintForm = await client.GetAsync(new Uri("/complaints/new", UriKind.Relative));
        using var complaintRefused = await PostComplaintAsync(client, await FormAsync(subject: ""));
        using var complaintAccepted = await PostComplaintAsync(client, await FormAsync());
        using var complaintReceived = await client.GetAsync(new Uri(complaintAccepted.Headers.Location!.OriginalString, UriKind.Relative));
        using var statusForm = await client.GetAsync(new Uri("/status", UriKind.Relative));
        using var statusFound = await client.SubmitAsync("/status", [new("Input.Reference", reference), new("Input.Contact", "aisha.khan@example.com")]);
        using var statusNotFound = await client.SubmitAsync("/status", [new("Input.Reference", reference), new("Input.Contact", "someone@example.com")]);
        using var suggestionForm = await client.GetAsync(new Uri("/suggestions/new", UriKind.Relative));

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["GET /complaints/new"] = complaintForm,
            ["POST /complaints/new (refused)"] = complaintRefused,
            ["POST /complaints/new (accepted)"] = complaintAccepted,
            ["GET /complaints/new?handler=Received"] = complaintReceived,
            ["GET /status"] = statusForm,
            ["POST /status (found)"] = statusFound,
            ["POST /status (not found)"] = statusNotFound,
            ["GET /suggestions/new"] = suggestionForm,
        };
        Assert.Equal(HttpStatusCode.OK, statusFound.StatusCode);
        Assert.Contains(reference, (await statusFound.ReadDocumentAsync()).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        foreach (var (request, response) in answers)
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{request} answered Cache-Control: {response.Headers.CacheControl}");
        }
    }
}

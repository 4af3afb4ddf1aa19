using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Suggestions;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// Suggestions over the real host with an SMTP server in the test process: the public form, the
/// supervisors' review that emails the outcome, and "You said, we did". Each test runs its own host
/// (generous rate limit) so the shared host's limits are not used up.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SuggestionPagesTests(WebFixture fixture) : IAsyncLifetime
{
    private const string SupervisorEmail = "supervisor@example.test";
    private const string SupervisorPassword = "supervisor password 2026";
    private const string Script = "<script>alert('x')</script>";

    private readonly TestSmtpServer _smtp = new();
    private HelpDeskApp _app = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync(SupervisorEmail, "Sam Supervisor", SupervisorPassword, StaffRoles.Supervisor);
        }

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

    private static List<KeyValuePair<string, string>> Form(string text = "Open on Saturday mornings.", string name = "Aisha Khan", string email = "aisha.khan@example.com", string source = "Customer") =>
    [
        new("Input.Source", source),
        new("Input.Text", text),
        new("Input.Name", name),
        new("Input.Email", email),
        new("Input.Website", ""),
    ];

    /// <summary>Posts the form as a browser would (its token and form token included).</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, List<KeyValuePair<string, string>> form)
    {
        var page = await client.GetPageAsync("/suggestions/new");
        var fields = form.Append(new("Input.FormToken", page.QuerySelector("input[name='Input.FormToken']")!.GetAttribute("value")!))
            .Append(new("__RequestVerificationToken", page.AntiForgeryToken()));
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri("/suggestions/new", UriKind.Relative), content);
    }

    private async Task<long> LeaveAsync(List<KeyValuePair<string, string>> form)
    {
        using var client = fixture.CreateClient(_app);
        using var response = await PostFormAsync(client, form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = fixture.CreateDbContext();
        return await db.Suggestions.OrderByDescending(s => s.Id).Select(s => s.Id).FirstAsync();
    }

    private async Task<HttpClient> SupervisorAsync()
    {
        var client = fixture.CreateClient(_app);
        await client.SignInAsync(SupervisorEmail, SupervisorPassword);
        return client;
    }

    private static async Task<HttpResponseMessage> PostOnPageAsync(HttpClient client, string url, string formSelector, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await client.GetPageAsync(url);
        var form = (IHtmlFormElement)page.QuerySelector(formSelector)!;
        var body = fields.Append(new("__RequestVerificationToken", page.AntiForgeryToken()));
        using var content = new FormUrlEncodedContent(body);
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
    }

    private static Task<HttpResponseMessage> ReviewAsync(HttpClient client, long id, string decision, string explanation) =>
        PostOnPageAsync(client, $"/suggestions/{id}", "form[action*='handler=Review']", [new("Review.Decision", decision), new("Review.Explanation", explanation)]);

    private async Task<MimeMessage> SingleMessageAsync()
    {
        await _smtp.WaitForAsync(1);
        // Anything queued twice is in the outbox too, and the outbox says when all of it has been sent.
        var (message, envelope) = Assert.Single(await _smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext));
        Assert.Equal(["aisha.khan@example.com"], envelope);
        return message;
    }

    [Fact]
    public async Task A_customer_leaves_a_suggestion_and_is_thanked_after_the_redirect()
    {
        using var client = fixture.CreateClient(_app);
        var form = await client.GetPageAsync("/suggestions/new");

        using var response = await PostFormAsync(client, Form());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var thanks = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Thank you for your suggestion", thanks.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("We will email you", thanks.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(form.QuerySelector("label[for='Input_Text']"));
        Assert.NotNull(form.QuerySelector("label[for='Input_Email']"));
        Assert.Null(form.QuerySelector("#source-Staff"));
        Assert.Equal(Suggestion.TextMaxLength.ToString(CultureInfo.InvariantCulture), form.QuerySelector("textarea[name='Input.Text']")!.GetAttribute("maxlength"));
        await using var db = fixture.CreateDbContext();
        var stored = await db.Suggestions.SingleAsync();
        Assert.Equal(SuggestionSource.Customer, stored.Source);
        Assert.Equal("Open on Saturday mornings.", stored.Text);
    }

    [Fact]
    public async Task The_same_form_posted_twice_stores_one_suggestion_and_a_filled_honeypot_none()
    {
        using var client = fixture.CreateClient(_app);
        var page = await client.GetPageAsync("/suggestions/new");
        var fields = Form().Append(new("Input.FormToken", page.QuerySelector("input[name='Input.FormToken']")!.GetAttribute("value")!))
            .Append(new("__RequestVerificationToken", page.AntiForgeryToken())).ToList();
        for (var i = 0; i < 2; i++)
        {
            using var content = new FormUrlEncodedContent(fields);
            using var response = await client.PostAsync(new Uri("/suggestions/new", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using var bot = await PostFormAsync(client, Form().Select(f => f.Key == "Input.Website" ? new KeyValuePair<string, string>(f.Key, "https://spam.example") : f).ToList());

        Assert.Equal(HttpStatusCode.Redirect, bot.StatusCode);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Suggestions.CountAsync());
    }

    [Fact]
    public async Task An_empty_suggestion_is_refused_beside_its_field_and_the_form_keeps_what_was_typed()
    {
        using var client = fixture.CreateClient(_app);

        using var response = await PostFormAsync(client, Form(text: " "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Tell us your suggestion.", page.QuerySelector("[data-valmsg-for='Input.Text']")!.TextContent);
        Assert.Equal("Aisha Khan", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_staff_leave_their_own_suggestion_as_staff()
    {
        using var agent = fixture.CreateClient(_app);
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var form = await agent.GetPageAsync("/suggestions/new");
        using var response = await PostFormAsync(agent, Form(name: "Alex Agent", email: "", source: "Staff"));

        Assert.Equal("Alex Agent", form.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.Equal(WebFixture.AgentEmail, form.QuerySelector("input[name='Input.Email']")!.GetAttribute("value"));
        Assert.NotNull(form.QuerySelector("#source-Staff[checked]"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = fixture.CreateDbContext();
        var stored = await db.Suggestions.SingleAsync();
        Assert.Equal(SuggestionSource.Staff, stored.Source);
        Assert.Equal("Alex Agent", stored.RecordedByName);
    }

    [Fact]
    public async Task The_public_cannot_post_a_suggestion_as_staff()
    {
        using var client = fixture.CreateClient(_app);

        using var response = await PostFormAsync(client, Form(source: "Staff"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Choose customer or partner.", (await response.ReadDocumentAsync()).QuerySelector("[data-valmsg-for='Input.Source']")!.TextContent);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Suggestions.CountAsync());
    }

    [Fact]
    public async Task A_supervisor_adopts_a_suggestion_and_the_person_receives_the_outcome_by_email()
    {
        var id = await LeaveAsync(Form());
        using var supervisor = await SupervisorAsync();
        var list = await supervisor.GetPageAsync("/suggestions?status=Received");
        Assert.Contains("Open on Saturday mornings.", Assert.Single(list.QuerySelectorAll("[data-testid=suggestion-row]")).TextContent, StringComparison.Ordinal);

        using var response = await ReviewAsync(supervisor, id, "Adopt", "We now open 9-12 on Saturdays.");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await supervisor.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Suggestion adopted.", page.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("We now open 9-12 on Saturdays.", page.QuerySelector("#suggestion-explanation")!.TextContent);
        var message = await SingleMessageAsync();
        Assert.Equal("Your suggestion: adopted", message.Subject);
        Assert.Contains("Dear Aisha Khan,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("The change we have made: We now open 9-12 on Saturdays.", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("desk@helpdesk.example", message.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Declining_without_a_reason_is_refused_and_declining_with_one_emails_it()
    {
        var id = await LeaveAsync(Form());
        using var supervisor = await SupervisorAsync();

        using var refused = await ReviewAsync(supervisor, id, "Decline", "");
        var refusedPage = await refused.ReadDocumentAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.StartsWith("Give the reason", refusedPage.QuerySelector("[data-valmsg-for='Review.Explanation']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(refusedPage.QuerySelector("#decision-decline[checked]"));

        using var declined = await ReviewAsync(supervisor, id, "Decline", "Our lease does not allow weekend opening.");

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        var message = await SingleMessageAsync();
        Assert.Equal("Your suggestion: declined", message.Subject);
        Assert.Contains("Why we cannot adopt it: Our lease does not allow weekend opening.", message.TextBody, StringComparison.Ordinal);
        var page = await supervisor.GetPageAsync($"/suggestions/{id}");
        Assert.Null(page.QuerySelector("form[action*='handler=Publish']"));
    }

    [Fact]
    public async Task An_adopted_suggestion_is_published_without_the_persons_name_and_can_be_withdrawn()
    {
        var id = await LeaveAsync(Form());
        using var supervisor = await SupervisorAsync();
        (await ReviewAsync(supervisor, id, "Adopt", "We now open 9-12 on Saturdays.")).Dispose();
        var review = await supervisor.GetPageAsync($"/suggestions/{id}");
        Assert.Equal("We now open 9-12 on Saturdays.", review.QuerySelector("textarea[name='Publish.WeDid']")!.TextContent.Trim());

        using var naming = await PostOnPageAsync(supervisor, $"/suggestions/{id}", "form[action*='handler=Publish']", [new("Publish.YouSaid", "Aisha Khan asked for Saturdays."), new("Publish.WeDid", "We open 9-12.")]);
        Assert.Equal(HttpStatusCode.OK, naming.StatusCode);
        Assert.Contains("must not name the person", (await naming.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);

        using var published = await PostOnPageAsync(supervisor, $"/suggestions/{id}", "form[action*='handler=Publish']", [new("Publish.YouSaid", "Open on Saturday mornings."), new("Publish.WeDid", "We now open 9-12 on Saturdays.")]);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        using var anonymous = fixture.CreateClient(_app);
        var publicPage = await anonymous.GetPageAsync("/you-said-we-did");
        var item = Assert.Single(publicPage.QuerySelectorAll("[data-testid=you-said-we-did]"));
        Assert.Equal("Open on Saturday mornings.", item.QuerySelector(".you-said")!.TextContent);
        Assert.Equal("We now open 9-12 on Saturdays.", item.QuerySelector(".we-did")!.TextContent);
        var html = publicPage.DocumentElement.OuterHtml;
        Assert.DoesNotContain("Aisha", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aisha.khan@example.com", html, StringComparison.Ordinal);

        using var withdrawn = await PostOnPageAsync(supervisor, $"/suggestions/{id}", "form[action*='handler=Withdraw']", []);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.NotNull((await anonymous.GetPageAsync("/you-said-we-did")).QuerySelector("[data-testid=no-changes]"));
    }

    [Fact]
    public async Task Html_and_script_in_a_suggestion_are_shown_as_text_on_staff_and_public_pages_and_in_the_email()
    {
        var text = $"{Script} <b>bold</b> & more";
        var id = await LeaveAsync(Form(text: text, name: "<i>Aisha</i>"));
        using var supervisor = await SupervisorAsync();

        using var listResponse = await supervisor.GetAsync(new Uri("/suggestions", UriKind.Relative));
        var listHtml = await listResponse.Content.ReadAsStringAsync();
        var reviewHtml = await (await supervisor.GetAsync(new Uri($"/suggestions/{id}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains(text, (await listResponse.ReadDocumentAsync()).QuerySelector(".suggestion-text")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("no-store", listResponse.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        foreach (var html in new[] { listHtml, reviewHtml })
        {
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<i>Aisha", html, StringComparison.Ordinal);
        }

        (await ReviewAsync(supervisor, id, "Adopt", "<img src=x onerror=alert(1)> fixed")).Dispose();
        (await PostOnPageAsync(supervisor, $"/suggestions/{id}", "form[action*='handler=Publish']", [new("Publish.YouSaid", Script), new("Publish.WeDid", "<b>Done</b>")])).Dispose();

        var publicHtml = await (await fixture.CreateClient(_app).GetAsync(new Uri("/you-said-we-did", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("&lt;script&gt;", publicHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", publicHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Done", publicHtml, StringComparison.Ordinal);

        var message = await SingleMessageAsync();
        Assert.Contains(text, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<img src=x onerror=alert(1)> fixed", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear <i>Aisha</i>,", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", message.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Name")]
    [InlineData("Input.Email")]
    public async Task A_line_break_with_a_bcc_header_in_the_name_or_email_adds_no_header_or_recipient(string field)
    {
        var form = Form().Select(f => f.Key == field ? new KeyValuePair<string, string>(field, f.Value + "\r\nBcc: x@evil.test") : f).ToList();
        using var client = fixture.CreateClient(_app);

        using var refused = await PostFormAsync(client, form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("one line", (await refused.ReadDocumentAsync()).QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        await using (var db = fixture.CreateDbContext())
        {
            Assert.Equal(0, await db.Suggestions.CountAsync());
        }

        // The same person tries again properly: the one outcome email goes to them alone, with no Bcc.
        var id = await LeaveAsync(Form());
        using var supervisor = await SupervisorAsync();
        (await ReviewAsync(supervisor, id, "Adopt", "Done.")).Dispose();
        var message = await SingleMessageAsync();
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain(message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["aisha.khan@example.com"], message.To.Mailboxes.Select(m => m.Address));
    }
}

using System.Net;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Pages;

[Collection(WebCollection.Name)]
public sealed class LogComplaintPageTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<List<KeyValuePair<string, string>>> ValidFormAsync()
    {
        await using var db = fixture.CreateDbContext();
        var defects = await db.ComplaintTypes.SingleAsync(t => t.Name == "Product defects");
        return
        [
            new("Input.ReceivedAt", "2026-01-05T10:30"),
            new("Input.Channel", "Email"),
            new("Input.Kind", "Complaint"),
            new("Input.ComplaintTypeId", defects.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Priority", "High"),
            new("Input.CustomerName", "Tom Baker"),
            new("Input.CustomerEmail", "tom.baker@example.com"),
            new("Input.CustomerPhone", ""),
            new("Input.CustomerPostalAddress", ""),
            new("Input.Subject", "Kettle stopped heating"),
            new("Input.Description", "Bought on the 2nd, stopped heating on the 9th."),
        ];
    }

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> form, string field, string value) =>
        form.Select(f => f.Key == field ? new KeyValuePair<string, string>(field, value) : f).ToList();

    private async Task<HttpClient> SignedInAgentAsync()
    {
        var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        return client;
    }

    [Fact]
    public async Task An_agent_logs_a_complaint_and_is_shown_its_reference_number()
    {
        using var client = await SignedInAgentAsync();

        var response = await client.SubmitAsync("/cases/log", await ValidFormAsync());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/cases/HD-\d{4}-000001-[A-Z]$", location);
        var page = await client.GetPageAsync(location);
        var reference = location["/cases/".Length..];
        Assert.Equal(reference, page.QuerySelector("[data-testid=reference]")!.TextContent);
        Assert.Contains($"Logged as {reference}", page.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Kettle stopped heating", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Alex Agent", page.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);

        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.SingleAsync();
        // 10:30 on 5 January in London is 10:30 UTC (GMT in winter).
        Assert.Equal(new DateTimeOffset(2026, 1, 5, 10, 30, 0, TimeSpan.Zero), stored.ReceivedAt);
        Assert.Equal(Priority.High, stored.Priority);
    }

    [Fact]
    public async Task An_answer_given_at_first_contact_logs_the_case_resolved_and_a_missing_how_keeps_what_was_typed()
    {
        using var client = await SignedInAgentAsync();
        var form = await ValidFormAsync();
        form.Add(new("Input.FirstContactAnswer", "Sent a replacement kettle today."));

        var refused = await client.SubmitAsync("/cases/log", form);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await refused.ReadDocumentAsync();
        Assert.Contains("Sent a replacement kettle today.", again.QuerySelector("#Input_FirstContactAnswer")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("how the answer was given", again.QuerySelector("[data-valmsg-for='Input.FirstContactCommunicatedBy']")!.TextContent, StringComparison.Ordinal);

        form.Add(new("Input.FirstContactCommunicatedBy", "Verbal"));
        var response = await client.SubmitAsync("/cases/log", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Resolved at first contact", page.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.SingleAsync();
        Assert.Equal(CaseStatus.Resolved, stored.Status);
        Assert.True(stored.ResolvedAtFirstContact);
    }

    private static async Task<string> DrawnFormIdAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/cases/log");
        var formId = page.QuerySelector("input[name='Input.FormId']")?.GetAttribute("value");
        Assert.True(Guid.TryParse(formId, out _), "The log form carries a one-time token.");
        return formId!;
    }

    [Fact]
    public async Task The_same_log_form_posted_twice_logs_one_case_and_the_second_post_goes_to_it()
    {
        using var client = await SignedInAgentAsync();
        var form = await ValidFormAsync();
        form.Add(new("Input.FormId", await DrawnFormIdAsync(client)));

        var first = await client.SubmitAsync("/cases/log", form);
        var replay = await client.SubmitAsync("/cases/log", form);

        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        var page = await client.GetPageAsync(replay.Headers.Location!.OriginalString);
        Assert.Contains("already sent", page.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task The_same_log_form_posted_several_times_at_once_logs_one_case()
    {
        using var client = await SignedInAgentAsync();
        var form = await ValidFormAsync();
        form.Add(new("Input.FormId", await DrawnFormIdAsync(client)));

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.SubmitAsync("/cases/log", form)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location!.OriginalString).Distinct());
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task Two_forms_drawn_separately_log_two_cases()
    {
        using var client = await SignedInAgentAsync();

        foreach (var _ in new[] { 1, 2 })
        {
            var form = await ValidFormAsync();
            form.Add(new("Input.FormId", await DrawnFormIdAsync(client)));
            await client.SubmitAsync("/cases/log", form);
        }

        await using var db = fixture.CreateDbContext();
        Assert.Equal(2, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task Received_at_is_read_in_the_desks_zone_so_a_summer_time_is_an_hour_ahead_of_utc()
    {
        using var client = await SignedInAgentAsync();

        await client.SubmitAsync("/cases/log", With(await ValidFormAsync(), "Input.ReceivedAt", "2026-07-01T09:00"));

        await using var db = fixture.CreateDbContext();
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), (await db.Complaints.SingleAsync()).ReceivedAt);
    }

    [Fact]
    public async Task Bad_input_re_renders_the_form_with_what_was_typed_and_a_message_beside_each_wrong_field()
    {
        using var client = await SignedInAgentAsync();
        var form = With(With(With(await ValidFormAsync(), "Input.CustomerEmail", "tom at example"), "Input.Subject", ""), "Input.ReceivedAt", "2099-01-01T09:00");

        var response = await client.SubmitAsync("/cases/log", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("tom at example", page.QuerySelector("#Input_CustomerEmail")!.GetAttribute("value"));
        Assert.Equal("Tom Baker", page.QuerySelector("#Input_CustomerName")!.GetAttribute("value"));
        Assert.Contains("Bought on the 2nd", page.QuerySelector("#Input_Description")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("High", page.QuerySelector("#Input_Priority option[selected]")!.GetAttribute("value"));
        Assert.Contains("email address", page.QuerySelector("[data-valmsg-for='Input.CustomerEmail']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("subject", page.QuerySelector("[data-valmsg-for='Input.Subject']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("future", page.QuerySelector("[data-valmsg-for='Input.ReceivedAt']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelector("[data-valmsg-for='Input.CustomerName']")!.TextContent);

        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task A_tampered_channel_is_refused_and_nothing_is_stored()
    {
        using var client = await SignedInAgentAsync();

        var response = await client.SubmitAsync("/cases/log", With(await ValidFormAsync(), "Input.Channel", "CarrierPigeon"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Input.Channel']")!.TextContent);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task A_post_without_its_anti_forgery_token_is_refused_and_nothing_is_stored()
    {
        using var client = await SignedInAgentAsync();

        var response = await client.SubmitAsync("/cases/log", await ValidFormAsync(), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task Every_field_of_the_form_has_a_label()
    {
        using var client = await SignedInAgentAsync();

        var page = await client.GetPageAsync("/cases/log");

        var fields = page.QuerySelectorAll("form.form input:not([type=hidden]), form.form select, form.form textarea").ToList();
        Assert.Equal(13, fields.Count);
        Assert.All(fields, field =>
        {
            var id = field.GetAttribute("id");
            Assert.False(string.IsNullOrEmpty(id));
            Assert.NotNull(page.QuerySelector($"label[for='{id}']"));
        });
    }

    [Fact]
    public async Task Staff_pages_require_sign_in()
    {
        using var anonymous = fixture.CreateClient();

        foreach (var url in new[] { "/cases/log", "/cases/find?reference=x", "/cases/HD-2026-000001-A" })
        {
            var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var post = await anonymous.PostAsync(new Uri("/cases/log", UriKind.Relative), new FormUrlEncodedContent(await ValidFormAsync()));
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(0, await db.Complaints.CountAsync());
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_answer()
    {
        using var client = fixture.CreateClient();

        var wrongPassword = await (await client.SubmitAsync("/account/sign-in", [new("Input.Email", WebFixture.AgentEmail), new("Input.Password", "not it at all")])).ReadDocumentAsync();
        var unknownUser = await (await client.SubmitAsync("/account/sign-in", [new("Input.Email", "nobody@example.test"), new("Input.Password", "not it at all")])).ReadDocumentAsync();

        Assert.Equal(wrongPassword.QuerySelector(".error-summary")!.TextContent.Trim(), unknownUser.QuerySelector(".error-summary")!.TextContent.Trim());
        Assert.Contains("do not match", unknownUser.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_box_goes_straight_to_a_case_and_explains_a_mistyped_reference()
    {
        using var client = await SignedInAgentAsync();
        var logged = (await client.SubmitAsync("/cases/log", await ValidFormAsync())).Headers.Location!.OriginalString;
        var reference = logged["/cases/".Length..];

        var found = await client.GetAsync(new Uri("/cases/find?reference=" + Uri.EscapeDataString(reference.ToLowerInvariant()), UriKind.Relative));
        var mistyped = await client.GetPageAsync("/cases/find?reference=" + reference[..^1] + (reference[^1] == 'A' ? 'B' : 'A'));
        var missing = await client.GetAsync(new Uri("/cases/" + ReferenceNumber.Create("HD", 2026, 424_242), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal(logged, found.Headers.Location!.OriginalString);
        Assert.Contains("typing mistake", mistyped.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

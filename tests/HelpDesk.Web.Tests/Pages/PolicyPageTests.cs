using System.Net;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Publishing;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The published policy over HTTP on the real host: public reading, staff-only versions, publishing, the review reminder.</summary>
[Collection(WebCollection.Name)]
public sealed class PolicyPageTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> SignedInAsync(string email, string password, HelpDeskApp? app = null)
    {
        var client = fixture.CreateClient(app);
        await client.SignInAsync(email, password);
        return client;
    }

    private async Task PublishDirectlyAsync(PolicyVisibility visibility, string title)
    {
        await using var db = fixture.CreateDbContext();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var next = await db.PolicyVersions.MaxAsync(p => p.Number) + 1;
        db.PolicyVersions.Add(PolicyVersion.Publish(next, title, "Internal text.", today.AddDays(-2), today.AddDays(-2), "Operations", "Added.", visibility, DateTimeOffset.UtcNow, "Test"));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Anyone_reads_the_policy_in_force_with_the_sla_table_from_the_database()
    {
        using var anonymous = fixture.CreateClient();

        var page = await anonymous.GetPageAsync("/policy");

        Assert.Equal(DatabaseSeeder.DefaultPolicyTitle, page.QuerySelector("h1")!.TextContent);
        Assert.Equal(DatabaseSeeder.DefaultDepartment, page.QuerySelector("[data-testid=policy-owner]")!.TextContent);
        Assert.Contains("acknowledged within one business day", page.QuerySelector("[data-testid=policy-body]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("[data-testid=policy-body] h2"));
        await using var db = fixture.CreateDbContext();
        var rows = page.QuerySelectorAll("[data-testid=sla-table] tbody tr");
        Assert.Equal(await db.SlaRules.CountAsync(r => !r.IsRetired), rows.Length);
        Assert.Contains(rows, r => r.QuerySelector(".applies-to")!.TextContent == "Default (any type, any priority)");
        // Staff housekeeping never shows to the public.
        Assert.Null(page.QuerySelector("[data-testid=policy-review-reminder]"));
    }

    [Fact]
    public async Task A_change_to_the_sla_configuration_shows_on_the_policy_page_at_once()
    {
        await using (var db = fixture.CreateDbContext())
        {
            var rule = await db.SlaRules.SingleAsync(r => r.ComplaintTypeId == null && r.Priority == null);
            rule.Change(rule.CalendarId, SlaTarget.WorkingDays(2), SlaTarget.WorkingDays(9), rule.FollowUp);
            await db.SaveChangesAsync();
        }

        using var anonymous = fixture.CreateClient();
        var page = await anonymous.GetPageAsync("/policy");

        var defaultRow = page.QuerySelectorAll("[data-testid=sla-table] tbody tr").Single(r => r.QuerySelector("th")!.TextContent.StartsWith("Default", StringComparison.Ordinal));
        var cells = defaultRow.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal("2 working days", cells[0]);
        Assert.Equal("9 working days", cells[1]);
    }

    [Fact]
    public async Task A_staff_only_version_is_not_found_for_the_public_but_readable_by_staff()
    {
        await PublishDirectlyAsync(PolicyVisibility.StaffOnly, "Internal handling notes");
        using var anonymous = fixture.CreateClient();
        using var agent = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/policy/versions/2", UriKind.Relative))).StatusCode);
        Assert.DoesNotContain("Internal handling notes", (await anonymous.GetPageAsync("/policy/versions")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DatabaseSeeder.DefaultPolicyTitle, (await anonymous.GetPageAsync("/policy")).QuerySelector("h1")!.TextContent);

        var forStaff = await agent.GetPageAsync("/policy/versions/2");
        Assert.Equal("Internal handling notes", forStaff.QuerySelector("h1")!.TextContent);
        Assert.Contains("Internal handling notes", (await agent.GetPageAsync("/policy/versions")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_version_is_readable_by_number_and_an_unknown_number_is_not_found()
    {
        using var anonymous = fixture.CreateClient();

        var version = await anonymous.GetPageAsync("/policy/versions/1");

        Assert.Equal("1", version.QuerySelector("[data-testid=policy-number]")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri("/policy/versions/99", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_agent_can_neither_open_nor_post_to_the_policy_administration()
    {
        using var agent = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var get = await agent.GetAsync(new Uri("/admin/policy", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, get.StatusCode);
        Assert.StartsWith("/account/access-denied", get.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);

        var token = (await agent.GetPageAsync("/cases/log")).AntiForgeryToken();
        using var content = new FormUrlEncodedContent(
        [
            new("Input.Title", "Hijacked"), new("Input.Body", "x"), new("Input.ApprovedOn", "2026-01-01"), new("Input.EffectiveFrom", "2026-01-01"),
            new("Input.Owner", "x"), new("Input.Changelog", "x"), new("Input.Visibility", "Public"), new("__RequestVerificationToken", token),
        ]);
        var post = await agent.PostAsync(new Uri("/admin/policy", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.PolicyVersions.CountAsync());
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_from_the_policy_administration()
    {
        using var anonymous = fixture.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/admin/policy", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
    }

    private static List<KeyValuePair<string, string>> PublishForm(string body, string title = "Customer Service Policy 2027") =>
    [
        new("Input.Title", title),
        new("Input.Body", body),
        new("Input.ApprovedOn", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.EffectiveFrom", DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
        new("Input.Owner", "Head of Customer Service"),
        new("Input.Changelog", "Escalation tiers clarified."),
        new("Input.Visibility", "Public"),
    ];

    [Fact]
    public async Task The_preview_renders_the_markdown_safely_without_publishing()
    {
        using var admin = await SignedInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var response = await admin.SubmitAsync("/admin/policy?handler=Preview", PublishForm("## Escalation\n\n[Call us](javascript:alert(1)) or <script>alert(2)</script>"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var preview = page.QuerySelector("[data-testid=policy-preview]")!;
        Assert.Equal("Escalation", preview.QuerySelector(".policy-text h2")!.TextContent);
        Assert.Null(preview.QuerySelector("script"));
        Assert.Null(preview.QuerySelector("a"));
        Assert.Contains("Call us", preview.TextContent, StringComparison.Ordinal);
        // The form keeps what was typed, so the administrator can go on editing.
        Assert.Equal("Customer Service Policy 2027", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.PolicyVersions.CountAsync());
    }

    [Fact]
    public async Task Markdown_javascript_autolink_and_unsafe_image_are_plain_text_wherever_the_policy_is_rendered()
    {
        const string Body = "marker <javascript:alert(1)> and <https://example.com/ok>\n\n![chart of 2026](javascript:alert(2))";
        using var admin = await SignedInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        var preview = (await (await admin.SubmitAsync("/admin/policy?handler=Preview", PublishForm(Body))).ReadDocumentAsync()).QuerySelector("[data-testid=policy-preview] .policy-text")!;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync("/admin/policy", PublishForm(Body))).StatusCode);
        using var anonymous = fixture.CreateClient();
        var published = (await anonymous.GetPageAsync("/policy")).QuerySelector("[data-testid=policy-body]")!;
        var version = (await anonymous.GetPageAsync("/policy/versions/2")).QuerySelector("[data-testid=policy-body]")!;

        foreach (var rendered in new[] { preview, published, version })
        {
            // Only the https autolink survives as a link; the image is its alt text, once.
            Assert.Equal(["https://example.com/ok"], rendered.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
            Assert.Null(rendered.QuerySelector("img"));
            Assert.Contains("marker javascript:alert(1)", rendered.TextContent, StringComparison.Ordinal);
            Assert.Single(System.Text.RegularExpressions.Regex.Matches(rendered.TextContent, "chart of 2026"));
        }
    }

    [Fact]
    public async Task An_administrator_publishes_the_next_version_and_the_public_reads_it()
    {
        using var admin = await SignedInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var response = await admin.SubmitAsync("/admin/policy", PublishForm("## Escalation\n\nThree tiers."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Published version 2.", page.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("[data-testid=admin-policy-versions] tbody tr").Length);
        using var anonymous = fixture.CreateClient();
        var policy = await anonymous.GetPageAsync("/policy");
        Assert.Equal("Customer Service Policy 2027", policy.QuerySelector("h1")!.TextContent);
        Assert.Equal("2", policy.QuerySelector("[data-testid=policy-number]")!.TextContent);
    }

    [Fact]
    public async Task Publishing_with_missing_fields_re_renders_the_form_with_a_message_per_field()
    {
        using var admin = await SignedInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        var form = PublishForm("Text kept.", title: "").Where(f => f.Key != "Input.Changelog").ToList();

        var response = await admin.SubmitAsync("/admin/policy", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("Give the policy a title.", page.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent);
        Assert.Equal("Say what changed in this version.", page.QuerySelector("[data-valmsg-for='Input.Changelog']")!.TextContent);
        Assert.Equal("Text kept.", page.QuerySelector("#Input_Body")!.TextContent.Trim());
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.PolicyVersions.CountAsync());
    }

    [Fact]
    public async Task The_review_reminder_appears_for_staff_once_the_clock_reaches_thirty_days_before_the_review()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        await using (var db = fixture.CreateDbContext())
        {
            // Approved 330 days ago: due in 35 days, so the reminder starts in 5.
            await db.PolicyVersions.ExecuteUpdateAsync(s => s.SetProperty(p => p.ApprovedOn, today.AddDays(-330)).SetProperty(p => p.EffectiveFrom, today.AddDays(-330)));
        }

        await using var app = new HelpDeskApp(fixture.ConnectionString, clock);
        app.StartServer();

        using (var before = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword, app))
        {
            Assert.Null((await before.GetPageAsync("/cases/log")).QuerySelector("[data-testid=policy-review-reminder]"));
        }

        clock.Advance(TimeSpan.FromDays(6));

        using var agent = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword, app);
        var reminder = (await agent.GetPageAsync("/cases/log")).QuerySelector("[data-testid=policy-review-reminder]");
        Assert.NotNull(reminder);
        Assert.Contains("yearly review is due", reminder.TextContent, StringComparison.Ordinal);
        // Only administrators are offered the way to publish.
        Assert.Null(reminder.QuerySelector("a[href^='/admin/policy']"));

        using var admin = await SignedInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword, app);
        Assert.NotNull((await admin.GetPageAsync("/policy")).QuerySelector("[data-testid=policy-review-reminder] a[href^='/admin/policy']"));

        using var anonymous = fixture.CreateClient(app);
        Assert.Null((await anonymous.GetPageAsync("/policy")).QuerySelector("[data-testid=policy-review-reminder]"));
    }
}

using System.Globalization;
using System.Net;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The administration pages over HTTP on the real host: who may use them, and how their forms behave.</summary>
[Collection(WebCollection.Name)]
public sealed class AdministrationPageTests(WebFixture fixture) : IAsyncLifetime
{
    public static TheoryData<string> AdminPages => ["/admin", "/admin/complaint-types", "/admin/sla", "/admin/sla/new", "/admin/calendars", "/admin/calendars/new", "/admin/mailboxes", "/admin/mailboxes/new", "/admin/changes"];

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = fixture.CreateClient();
        await client.SignInAsync(email, password);
        return client;
    }

    private Task<HttpClient> AdministratorAsync() => SignedInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

    private async Task<int> RuleIdAsync(string typeName)
    {
        await using var db = fixture.CreateDbContext();
        var typeId = await db.ComplaintTypes.Where(t => t.Name == typeName).Select(t => t.Id).SingleAsync();
        return await db.SlaRules.Where(r => r.ComplaintTypeId == typeId && r.Priority == null && !r.IsRetired).Select(r => r.Id).SingleAsync();
    }

    private async Task<string> OfficeIdAsync()
    {
        await using var db = fixture.CreateDbContext();
        return (await db.Calendars.Where(c => c.Name == BusinessCalendar.OfficeName).Select(c => c.Id).SingleAsync()).ToString(CultureInfo.InvariantCulture);
    }

    private static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task An_agent_is_refused_every_administration_page(string url)
    {
        using var agent = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        AssertAccessDenied(await agent.GetAsync(new Uri(url, UriKind.Relative)));
    }

    [Fact]
    public async Task An_agent_posting_straight_to_the_administration_forms_is_refused_and_nothing_changes()
    {
        using var agent = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        // A valid anti-forgery token from a page the agent may use, so only the role stands in the way.
        var token = (await agent.GetPageAsync("/cases/log")).AntiForgeryToken();
        var ruleId = await RuleIdAsync("Billing issues");
        var posts = new (string Url, KeyValuePair<string, string>[] Fields)[]
        {
            ("/admin/complaint-types?handler=Add", [new("Input.Name", "Sneaky type")]),
            ($"/admin/sla/{ruleId}", [new("Input.CalendarId", await OfficeIdAsync()), new("Input.Acknowledge.Amount", "1"), new("Input.Acknowledge.Unit", "ElapsedMinutes"),
                new("Input.Resolve.Amount", "1"), new("Input.Resolve.Unit", "ElapsedMinutes"), new("Input.FollowUp.Amount", "1"), new("Input.FollowUp.Unit", "ElapsedMinutes")]),
            ($"/admin/sla/{ruleId}?handler=Retire", []),
            ("/admin/calendars/new", [new("Input.Name", "Sneaky"), new("Input.TimeZoneId", "Europe/London"), new("Input.Monday", "09:00-17:00")]),
        };

        foreach (var (url, fields) in posts)
        {
            using var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
            AssertAccessDenied(await agent.PostAsync(new Uri(url, UriKind.Relative), content));
        }

        await using var db = fixture.CreateDbContext();
        Assert.False(await db.ComplaintTypes.AnyAsync(t => t.Name == "Sneaky type"));
        Assert.False(await db.Calendars.AnyAsync(c => c.Name == "Sneaky"));
        Assert.Equal(1, await db.SlaRules.Where(r => r.Id == ruleId).Select(r => r.Version).SingleAsync());
        Assert.Equal(0, await db.ConfigurationChanges.CountAsync());
    }

    [Fact]
    public async Task Someone_not_signed_in_is_sent_to_sign_in()
    {
        using var anonymous = fixture.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/admin/sla", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_see_the_administration_link()
    {
        using var agent = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        using var admin = await AdministratorAsync();

        Assert.Null((await agent.GetPageAsync("/cases/log")).QuerySelector("nav a[href='/admin']"));
        Assert.NotNull((await admin.GetPageAsync("/cases/log")).QuerySelector("nav a[href='/admin']"));
        var index = await admin.GetPageAsync("/admin");
        var sections = index.QuerySelectorAll(".admin-sections a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(
            ["/admin/complaint-types", "/admin/sla", "/admin/calendars", "/admin/policy", "/admin/staff", "/admin/departments", "/admin/messages/templates", "/admin/responses", "/admin/messages/outbox", "/admin/mailboxes", "/admin/kpi-targets", "/admin/changes"],
            sections);
        foreach (var section in sections)
        {
            using var response = await admin.GetAsync(new Uri(section, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{section} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_sla_page_lists_rows_in_matching_order_with_targets_in_words()
    {
        using var admin = await AdministratorAsync();

        var page = await admin.GetPageAsync("/admin/sla");

        var rows = page.QuerySelectorAll("[data-testid=sla-table] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["Any type, Critical", "Billing issues, any priority", "Product defects, any priority", "Service outage, any priority", "Default (any type, any priority)"], rows.Select(r => r[0]));
        Assert.Equal(["24 hours", "3 working days", "7 working days", "office"], rows[1].Skip(2).Take(4));
    }

    [Fact]
    public async Task An_administrator_edits_a_row_and_sees_it_in_the_table_and_the_change_history()
    {
        using var admin = await AdministratorAsync();
        var ruleId = await RuleIdAsync("Billing issues");

        var response = await admin.SubmitAsync($"/admin/sla/{ruleId}",
        [
            new("Input.CalendarId", await OfficeIdAsync()),
            new("Input.Acknowledge.Amount", "4"), new("Input.Acknowledge.Unit", "BusinessHours"),
            new("Input.Resolve.Amount", "2"), new("Input.Resolve.Unit", "WorkingDays"),
            new("Input.FollowUp.Amount", "7"), new("Input.FollowUp.Unit", "WorkingDays"),
            new("Input.ApplyToOpenCases", "false"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/sla", response.Headers.Location!.OriginalString);
        var table = await admin.GetPageAsync("/admin/sla");
        Assert.Contains("Row saved", table.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("4 business hours", table.QuerySelector($"[data-testid=sla-row-{ruleId}]")!.TextContent, StringComparison.Ordinal);
        var changes = await admin.GetPageAsync("/admin/changes");
        var latest = changes.QuerySelector("[data-testid=changes] li")!.TextContent;
        Assert.Contains("SLA row Billing issues, any priority", latest, StringComparison.Ordinal);
        Assert.Contains("Ada Administrator", latest, StringComparison.Ordinal);
        Assert.Contains("\"Resolve\": \"3 working days\"", latest, StringComparison.Ordinal);
        Assert.Contains("\"Resolve\": \"2 working days\"", latest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_target_re_renders_the_row_form_with_what_was_typed_and_a_message_beside_the_field()
    {
        using var admin = await AdministratorAsync();
        var ruleId = await RuleIdAsync("Billing issues");

        var response = await admin.SubmitAsync($"/admin/sla/{ruleId}",
        [
            new("Input.CalendarId", await OfficeIdAsync()),
            new("Input.Acknowledge.Amount", "36"), new("Input.Acknowledge.Unit", "ElapsedHours"),
            new("Input.Resolve.Amount", "0"), new("Input.Resolve.Unit", "WorkingDays"),
            new("Input.FollowUp.Amount", "5"), new("Input.FollowUp.Unit", ""),
            new("Input.ApplyToOpenCases", "true"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("more than zero", page.QuerySelector("[data-valmsg-for='Input.Resolve.Amount']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose a unit", page.QuerySelector("[data-valmsg-for='Input.FollowUp.Unit']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("36", page.QuerySelector("input[name='Input.Acknowledge.Amount']")!.GetAttribute("value"));
        Assert.Equal("ElapsedHours", page.QuerySelector("select[name='Input.Acknowledge.Unit'] option[selected]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("input[name='Input.ApplyToOpenCases'][checked]"));
        Assert.Equal("3 WorkingDays", await StoredResolveAsync(ruleId));
    }

    private async Task<string> StoredResolveAsync(int ruleId)
    {
        await using var db = fixture.CreateDbContext();
        var rule = await db.SlaRules.SingleAsync(r => r.Id == ruleId);
        return $"{rule.Resolve.Amount} {rule.Resolve.Unit}";
    }

    [Fact]
    public async Task The_default_row_has_no_retire_button_and_a_posted_retirement_is_refused_with_a_message()
    {
        using var admin = await AdministratorAsync();
        await using var db = fixture.CreateDbContext();
        var defaultId = await db.SlaRules.Where(r => r.ComplaintTypeId == null && r.Priority == null).Select(r => r.Id).SingleAsync();

        var page = await admin.GetPageAsync($"/admin/sla/{defaultId}");
        Assert.Null(page.QuerySelector("form[action*='handler=Retire']"));
        var response = await admin.SubmitAsync($"/admin/sla/{defaultId}?handler=Retire", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot be retired", (await response.ReadDocumentAsync()).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.False(await db.SlaRules.Where(r => r.Id == defaultId).Select(r => r.IsRetired).SingleAsync());
    }

    [Fact]
    public async Task An_administrator_adds_a_complaint_type_and_a_duplicate_is_refused_beside_the_field()
    {
        using var admin = await AdministratorAsync();

        var added = await admin.SubmitAsync("/admin/complaint-types?handler=Add", [new("Input.Name", "Delivery problems")]);
        var duplicate = await admin.SubmitAsync("/admin/complaint-types?handler=Add", [new("Input.Name", "delivery PROBLEMS")]);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var page = await duplicate.ReadDocumentAsync();
        Assert.Contains("already a complaint type", page.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("delivery PROBLEMS", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        var log = await admin.GetPageAsync("/cases/log");
        Assert.Contains("Delivery problems", log.QuerySelector("select[name='Input.ComplaintTypeId']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retired_type_is_no_longer_offered_on_the_log_form()
    {
        using var admin = await AdministratorAsync();
        await using var db = fixture.CreateDbContext();
        var defects = await db.ComplaintTypes.Where(t => t.Name == "Product defects").Select(t => t.Id).SingleAsync();

        var response = await admin.SubmitAsync($"/admin/complaint-types?handler=Retire&id={defects}", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var log = await admin.GetPageAsync("/cases/log");
        Assert.DoesNotContain("Product defects", log.QuerySelector("select[name='Input.ComplaintTypeId']")!.TextContent, StringComparison.Ordinal);
        var list = await admin.GetPageAsync("/admin/complaint-types");
        Assert.Contains("No, retired", list.QuerySelector($"[data-testid=type-{defects}]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_calendar_with_overlapping_hours_re_renders_with_the_typed_values_and_the_message_beside_the_day()
    {
        using var admin = await AdministratorAsync();

        var response = await admin.SubmitAsync("/admin/calendars/new",
        [
            new("Input.Name", "Head office"),
            new("Input.TimeZoneId", "Europe/Paris"),
            new("Input.Monday", "09:00-12:30, 13:30-17:00"),
            new("Input.Tuesday", "09:00-13:00, 12:00-17:00"),
            new("Input.Holidays", "2026-12-25 Christmas Day"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("overlap", page.QuerySelector("[data-valmsg-for='Input.Tuesday']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Head office", page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value"));
        Assert.Equal("09:00-12:30, 13:30-17:00", page.QuerySelector("input[name='Input.Monday']")!.GetAttribute("value"));
        Assert.Equal("09:00-13:00, 12:00-17:00", page.QuerySelector("input[name='Input.Tuesday']")!.GetAttribute("value"));
        Assert.Equal("Europe/Paris", page.QuerySelector("select[name='Input.TimeZoneId'] option[selected]")!.GetAttribute("value"));
        Assert.Contains("2026-12-25 Christmas Day", page.QuerySelector("textarea[name='Input.Holidays']")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.False(await db.Calendars.AnyAsync(c => c.Name == "Head office"));
    }

    [Fact]
    public async Task An_administrator_adds_a_calendar_and_it_is_offered_for_sla_rows()
    {
        using var admin = await AdministratorAsync();

        var response = await admin.SubmitAsync("/admin/calendars/new",
        [
            new("Input.Name", "Paris office"),
            new("Input.TimeZoneId", "Europe/Paris"),
            new("Input.Monday", "09:00-12:30, 13:30-17:00"),
            new("Input.Sunday", "00:00-24:00"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var calendars = await admin.GetPageAsync("/admin/calendars");
        Assert.Contains("Mon 09:00-12:30, 13:30-17:00; Sun 00:00-24:00", calendars.Body!.TextContent, StringComparison.Ordinal);
        var newRow = await admin.GetPageAsync("/admin/sla/new");
        Assert.Contains("Paris office (Europe/Paris)", newRow.QuerySelector("select[name='Input.CalendarId']")!.TextContent, StringComparison.Ordinal);
    }
}

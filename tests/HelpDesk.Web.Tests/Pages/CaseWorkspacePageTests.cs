using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The case page as the agent's workspace, over HTTP on the real host.</summary>
[Collection(WebCollection.Name)]
public sealed class CaseWorkspacePageTests(WebFixture fixture) : IAsyncLifetime
{
    private const string BeaEmail = "bea@example.test";
    private const string SamEmail = "sam@example.test";
    private const string Password = "A long password 1";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private int _billing;
    private string _bea = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        _bea = (await seeder.EnsureStaffAsync(BeaEmail, "Bea Biller", Password, StaffRoles.Agent, _billing)).Id;
        await seeder.EnsureStaffAsync(SamEmail, "Sam Supervisor", Password, StaffRoles.Supervisor, _billing);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpClient> SignedInAsync(string email, string password)
    {
        var client = fixture.CreateClient();
        await client.SignInAsync(email, password);
        return client;
    }

    private static IHtmlFormElement? Form(IHtmlDocument page, string handler) =>
        page.QuerySelectorAll<IHtmlFormElement>("form").SingleOrDefault(f => f.GetAttribute("action")!.EndsWith($"handler={handler}", StringComparison.Ordinal));

    /// <summary>Posts one of the page's forms as a browser would: its hidden fields (version, token, anti-forgery) and what was typed.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, IHtmlDocument page, string handler, params (string Name, string Value)[] typed)
    {
        var form = Form(page, handler) ?? throw new InvalidOperationException($"The page has no {handler} form.");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(typed.Select(t => new KeyValuePair<string, string>(t.Name, t.Value)));
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
    }

    private async Task<List<TimelineEventType>> TimelineAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.TimelineEvents.OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
    }

    [Fact]
    public async Task A_new_phone_case_offers_acknowledgement_verbally_by_default_and_no_supervisors_steps_to_an_agent()
    {
        using var client = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");

        var page = await client.GetPageAsync(caseUrl);

        Assert.NotNull(Form(page, "Acknowledge"));
        Assert.NotNull(Form(page, "Resolve"));
        Assert.NotNull(Form(page, "Note"));
        Assert.NotNull(Form(page, "Update"));
        Assert.Null(Form(page, "Extend"));
        Assert.Null(Form(page, "Close"));
        Assert.Null(Form(page, "Reopen"));
        Assert.Null(Form(page, "Resume"));
        Assert.Null(Form(page, "FollowUp"));
        Assert.Equal("Verbal", page.QuerySelector<IHtmlSelectElement>("select[name='Acknowledgement.Method']")!.Value);
        var resolveBy = DateTimeOffset.Parse(page.QuerySelector("[data-testid=deadline-resolution] time")!.GetAttribute("datetime")!, CultureInfo.InvariantCulture);
        var expected = page.QuerySelector<IHtmlInputElement>("input[name='Acknowledgement.ExpectedResponseBy']")!.Value;
        Assert.StartsWith(TimeZoneInfo.ConvertTime(resolveBy, London).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), expected, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("select[name='Acknowledgement.AssigneeId'] optgroup[label=Billing] option"));
    }

    [Fact]
    public async Task Acknowledging_on_the_page_refers_the_case_and_shows_a_confirmation_and_the_new_owner()
    {
        using var client = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");
        var page = await client.GetPageAsync(caseUrl);

        var response = await PostFormAsync(client, page, "Acknowledge",
            ("Acknowledgement.At", page.QuerySelector<IHtmlInputElement>("input[name='Acknowledgement.At']")!.Value),
            ("Acknowledgement.Method", "Postal"),
            ("Acknowledgement.DepartmentId", _billing.ToString(CultureInfo.InvariantCulture)),
            ("Acknowledgement.AssigneeId", _bea),
            ("Acknowledgement.ExpectedResponseBy", page.QuerySelector<IHtmlInputElement>("input[name='Acknowledgement.ExpectedResponseBy']")!.Value));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.GetPageAsync(caseUrl);
        Assert.Contains("the policy says to acknowledge verbally", after.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Acknowledged", after.QuerySelector("[data-testid=status]")!.TextContent);
        Assert.Equal("Billing", after.QuerySelector("[data-testid=department]")!.TextContent);
        Assert.Equal("Bea Biller", after.QuerySelector("[data-testid=assignee]")!.TextContent);
        Assert.Null(Form(after, "Acknowledge"));
        // Referred to Billing, the case has left the front desk agent's care: they read it, Billing works it.
        Assert.Null(Form(after, "Wait"));
        Assert.Null(Form(after, "Classify"));
        Assert.Contains("not in your care", after.QuerySelector("section.actions")!.TextContent, StringComparison.Ordinal);
        using var bea = await SignedInAsync(BeaEmail, Password);
        Assert.NotNull(Form(await bea.GetPageAsync(caseUrl), "Wait"));
    }

    [Fact]
    public async Task A_form_posted_twice_with_the_same_token_records_one_timeline_entry()
    {
        using var client = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");
        var page = await client.GetPageAsync(caseUrl);

        var first = await PostFormAsync(client, page, "Note", ("InternalNote.Text", "Checked the ledger."));
        var second = await PostFormAsync(client, page, "Note", ("InternalNote.Text", "Checked the ledger."));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal([TimelineEventType.Logged, TimelineEventType.InternalNote], await TimelineAsync());
        var after = await client.GetPageAsync(caseUrl);
        Assert.Contains("already recorded", after.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.Single(after.QuerySelectorAll("[data-testid=timeline] li.internal.note"));
    }

    [Fact]
    public async Task A_save_from_a_stale_page_shows_what_changed_and_keeps_what_was_typed()
    {
        using var alex = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        using var bea = await SignedInAsync(BeaEmail, Password);
        var caseUrl = await alex.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");
        var alexPage = await alex.GetPageAsync(caseUrl);
        var beaPage = await bea.GetPageAsync(caseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(bea, beaPage, "Note", ("InternalNote.Text", "Customer rang again, very upset."))).StatusCode);

        var response = await PostFormAsync(alex, alexPage, "Update", ("CustomerUpdate.Text", "We have found the double charge and will refund it."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        var conflict = page.QuerySelector("[data-testid=conflict]")!;
        Assert.Contains("Someone else changed this case while you were working", conflict.TextContent, StringComparison.Ordinal);
        Assert.Contains("Customer rang again, very upset.", conflict.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bea Biller", conflict.TextContent, StringComparison.Ordinal);
        Assert.Equal("We have found the double charge and will refund it.", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='CustomerUpdate.Text']")!.Value);
        Assert.Equal([TimelineEventType.Logged, TimelineEventType.InternalNote], await TimelineAsync());

        // Having seen the change, saving again goes through.
        var again = await PostFormAsync(alex, page, "Update", ("CustomerUpdate.Text", "We have found the double charge and will refund it."));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal([TimelineEventType.Logged, TimelineEventType.InternalNote, TimelineEventType.CustomerUpdate], await TimelineAsync());
    }

    [Fact]
    public async Task A_missing_field_shows_its_message_and_keeps_what_was_typed()
    {
        using var client = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");
        var page = await client.GetPageAsync(caseUrl);

        var response = await PostFormAsync(client, page, "Resolve",
            ("Resolution.Outcome", "Resolved"), ("Resolution.Analysis", ""), ("Resolution.Response", "Refunded the duplicate."), ("Resolution.CommunicatedBy", "Email"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = await response.ReadDocumentAsync();
        Assert.Contains("analysis", shown.QuerySelector("[data-valmsg-for='Resolution.Analysis']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Refunded the duplicate.", shown.QuerySelector<IHtmlTextAreaElement>("textarea[name='Resolution.Response']")!.Value);
        Assert.True(shown.QuerySelector("form[action$='handler=Resolve']")!.ParentElement!.HasAttribute("open"));
        Assert.Equal([TimelineEventType.Logged], await TimelineAsync());
    }

    [Fact]
    public async Task An_agent_cannot_extend_a_deadline_by_posting_the_form_directly_but_a_supervisor_can()
    {
        using var agent = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        using var supervisor = await SignedInAsync(SamEmail, Password);
        var caseUrl = await agent.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");
        var agentPage = await agent.GetPageAsync(caseUrl);
        var newDate = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(30), London).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        (string, string)[] extension = [("Extension.NewDate", newDate), ("Extension.Reason", "The bank is slow."), ("Extension.ToldBy", "Verbal")];
        var hidden = agentPage.QuerySelectorAll<IHtmlInputElement>("form[action$='handler=Note'] input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.Name!, i.Value))
            .Concat(extension.Select(e => new KeyValuePair<string, string>(e.Item1, e.Item2)));

        using var content = new FormUrlEncodedContent(hidden);
        var refused = await agent.PostAsync(new Uri(caseUrl + "?handler=Extend", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/access-denied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(TimelineEventType.Extended, await TimelineAsync());

        var supervisorPage = await supervisor.GetPageAsync(caseUrl);
        var allowed = await PostFormAsync(supervisor, supervisorPage, "Extend", extension);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Contains(TimelineEventType.Extended, await TimelineAsync());
    }

    [Fact]
    public async Task Internal_notes_and_customer_updates_are_labelled_apart_on_the_timeline()
    {
        using var client = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");
        await PostFormAsync(client, await client.GetPageAsync(caseUrl), "Note", ("InternalNote.Text", "Customer sounded angry."));
        await PostFormAsync(client, await client.GetPageAsync(caseUrl), "Update", ("CustomerUpdate.Text", "We are checking your bill."));

        var page = await client.GetPageAsync(caseUrl);

        var note = page.QuerySelector("[data-testid=timeline] li.note")!;
        var update = page.QuerySelector("[data-testid=timeline] li.update")!;
        Assert.Contains("internal", note.ClassList);
        Assert.Equal("Internal", note.QuerySelector(".visibility")!.TextContent);
        Assert.Contains("public", update.ClassList);
        Assert.Equal("Customer can see", update.QuerySelector(".visibility")!.TextContent);
    }

    [Fact]
    public async Task A_supervisor_takes_a_case_through_every_step_with_the_pages_own_forms()
    {
        using var client = await SignedInAsync(SamEmail, Password);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");
        var billing = _billing.ToString(CultureInfo.InvariantCulture);
        var later = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(40), London).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        (string Handler, (string, string)[] Typed)[] steps =
        [
            ("Acknowledge", [("Acknowledgement.Method", "Verbal"), ("Acknowledgement.DepartmentId", billing)]),
            ("Wait", [("Waiting.WhatIsNeeded", "A photo of the bill.")]),
            ("Resume", []),
            ("Refer", [("Referral.DepartmentId", billing), ("Referral.AssigneeId", _bea), ("Referral.Reason", "Billing knows this account.")]),
            ("Escalate", [("Escalation.AssigneeId", await SupervisorIdAsync()), ("Escalation.Reason", "The customer asked for a manager.")]),
            ("Extend", [("Extension.NewDate", later), ("Extension.Reason", "Waiting for the bank."), ("Extension.ToldBy", "Postal")]),
            ("Resolve", [("Resolution.Outcome", "CannotAccommodate"), ("Resolution.Analysis", "The fee is in the contract."), ("Resolution.Response", "We cannot refund the fee, because it is in the contract."), ("Resolution.CommunicatedBy", "Verbal")]),
            ("FollowUp", [("FollowUp.ContactMade", "true"), ("FollowUp.Satisfaction", "2"), ("FollowUp.Comments", "Unhappy but understands.")]),
            ("Close", []),
            ("Reopen", [("Reopening.Reason", "The customer found a second charge.")]),
        ];

        foreach (var (handler, typed) in steps)
        {
            var page = await client.GetPageAsync(caseUrl);
            var response = await PostFormAsync(client, page, handler, typed);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler} answered {(int)response.StatusCode}: {(await response.ReadDocumentAsync()).QuerySelector(".error-summary")?.TextContent}");
        }

        Assert.Equal(
            [TimelineEventType.Logged, TimelineEventType.Acknowledged, TimelineEventType.WaitingOnCustomer, TimelineEventType.Resumed, TimelineEventType.Referred,
             TimelineEventType.Escalated, TimelineEventType.Extended, TimelineEventType.Resolved, TimelineEventType.FollowedUp, TimelineEventType.Closed, TimelineEventType.Reopened],
            await TimelineAsync());
        await using var db = fixture.CreateDbContext();
        var stored = await db.Complaints.SingleAsync();
        Assert.Equal((CaseStatus.InProgress, 2, 1), (stored.Status, stored.EscalationTier, stored.ReopenCount));
    }

    private async Task<string> SupervisorIdAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.Users.Where(u => u.Email == SamEmail).Select(u => u.Id).SingleAsync();
    }

    [Theory]
    [InlineData("/cases/log")]
    [InlineData("/cases/find?reference=nothing")]
    [InlineData("case")]
    public async Task Case_pages_are_never_stored_by_a_cache(string url)
    {
        using var client = await SignedInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        if (url == "case")
        {
            url = await client.LogBillingComplaintAsync(fixture, Channel.Phone, phone: "+44 20 7946 0958");
        }

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.True(response.Headers.CacheControl?.NoStore, $"{url} answered {(int)response.StatusCode} with Cache-Control: {response.Headers.CacheControl}");
    }
}

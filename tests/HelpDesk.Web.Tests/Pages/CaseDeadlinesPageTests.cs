using System.Globalization;
using System.Net;
using System.Text.Json;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Pages;

[Collection(WebCollection.Name)]
public sealed class CaseDeadlinesPageTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> TypeIdAsync(string name)
    {
        await using var db = fixture.CreateDbContext();
        return await db.ComplaintTypes.Where(t => t.Name == name).Select(t => t.Id).SingleAsync();
    }

    private async Task<(HttpClient Client, string CaseUrl)> LogBillingComplaintAsync()
    {
        var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var response = await client.SubmitAsync("/cases/log",
        [
            new("Input.ReceivedAt", "2026-11-02T10:00"),
            new("Input.Channel", "Email"),
            new("Input.Kind", "Complaint"),
            new("Input.ComplaintTypeId", (await TypeIdAsync("Billing issues")).ToString(CultureInfo.InvariantCulture)),
            new("Input.Priority", "Normal"),
            new("Input.CustomerName", "Aisha Khan"),
            new("Input.CustomerEmail", "aisha@example.com"),
            new("Input.Subject", "Charged twice"),
            new("Input.Description", "Twice in October."),
        ]);
        return (client, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_case_page_shows_each_deadline_and_explains_it()
    {
        var (client, caseUrl) = await LogBillingComplaintAsync();
        using var _ = client;

        var page = await client.GetPageAsync(caseUrl);

        // Received Monday 2 November 2026 10:00 GMT: acknowledge within 24 hours, resolve within 3 working days (Thursday 5th, 21:00).
        var acknowledge = page.QuerySelector("[data-testid=deadline-acknowledgement]")!;
        var resolve = page.QuerySelector("[data-testid=deadline-resolution]")!;
        Assert.Equal("2026-11-03T10:00:00.0000000+00:00", acknowledge.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("2026-11-05T21:00:00.0000000+00:00", resolve.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains("Thu 5 Nov 2026, 21:00", resolve.TextContent, StringComparison.Ordinal);
        Assert.Contains("overdue", resolve.QuerySelector(".deadline-standing")!.TextContent, StringComparison.Ordinal);
        var explanation = resolve.QuerySelector("details .explanation")!.TextContent;
        Assert.Contains("Billing issues, any priority", explanation, StringComparison.Ordinal);
        Assert.Contains("3 working days", explanation, StringComparison.Ordinal);
        Assert.Contains("office", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_priority_on_the_case_page_recomputes_the_deadlines()
    {
        var (client, caseUrl) = await LogBillingComplaintAsync();
        using var _ = client;

        var response = await client.SubmitAsync(caseUrl + "?handler=Classify",
        [
            new("Classification.ComplaintTypeId", (await TypeIdAsync("Billing issues")).ToString(CultureInfo.InvariantCulture)),
            new("Classification.Priority", "Critical"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await client.GetPageAsync(caseUrl);
        Assert.Contains("recomputed", page.QuerySelector(".confirmation")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2026-11-02T11:00:00.0000000+00:00", page.QuerySelector("[data-testid=deadline-acknowledgement] time")!.GetAttribute("datetime"));
        Assert.Contains("Type and priority changed", page.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(Priority.Critical, (await db.Complaints.SingleAsync()).Priority);
    }

    [Fact]
    public async Task Changing_to_the_same_classification_shows_a_message_and_stores_nothing()
    {
        var (client, caseUrl) = await LogBillingComplaintAsync();
        using var _ = client;

        var response = await client.SubmitAsync(caseUrl + "?handler=Classify",
        [
            new("Classification.ComplaintTypeId", (await TypeIdAsync("Billing issues")).ToString(CultureInfo.InvariantCulture)),
            new("Classification.Priority", "Normal"),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("different", page.QuerySelector("[data-valmsg-for='Classification.ComplaintTypeId']")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.TimelineEvents.CountAsync());
    }

    [Fact]
    public async Task The_log_form_previews_deadlines_in_the_desks_local_time()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var response = await client.GetAsync(new Uri("/cases/log?handler=Preview&type=Service%20outage&priority=Normal&receivedAt=2026-07-01T09:00", UriKind.Relative));

        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("ready").GetBoolean());
        // 12 elapsed hours after 09:00 local; 2 working days after Wednesday 1 July is Friday 3 July, 21:00 local.
        Assert.Equal("Wed 1 Jul 2026, 21:00", json.RootElement.GetProperty("acknowledgeBy").GetString());
        Assert.Equal("Fri 3 Jul 2026, 21:00", json.RootElement.GetProperty("resolveBy").GetString());
        Assert.Equal("Service outage, any priority", json.RootElement.GetProperty("row").GetString());
    }
}

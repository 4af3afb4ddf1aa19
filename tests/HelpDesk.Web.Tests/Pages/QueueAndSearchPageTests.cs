using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Pages;

[Collection(WebCollection.Name)]
public sealed class QueueAndSearchPageTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(HttpClient Client, string Reference)> LogAsync(string subject, string description)
    {
        await using var db = fixture.CreateDbContext();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var response = await client.SubmitAsync("/cases/log",
        [
            new("Input.ReceivedAt", DateTime.Now.AddMinutes(-60).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("Input.Channel", "Phone"),
            new("Input.Kind", "Complaint"),
            new("Input.ComplaintTypeId", general.ToString(CultureInfo.InvariantCulture)),
            new("Input.Priority", "Normal"),
            new("Input.CustomerName", "Aisha Khan"),
            new("Input.CustomerEmail", "aisha@example.com"),
            new("Input.Subject", subject),
            new("Input.Description", description),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    [Fact]
    public async Task A_new_case_is_in_the_unassigned_queue_with_a_link_to_it()
    {
        var (client, reference) = await LogAsync("Boiler broken", "No heating since Tuesday.");
        using var _ = client;

        var page = await client.GetPageAsync("/cases?queue=unassigned");

        var row = Assert.Single(page.QuerySelectorAll("[data-testid=case-row]"));
        Assert.Equal($"/cases/{reference}", row.QuerySelector("a.reference")!.GetAttribute("href"));
        Assert.Contains("Boiler broken", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("page", page.QuerySelector("[data-testid=queue-unassigned]")!.GetAttribute("aria-current"));
        Assert.Null(page.QuerySelector("[data-testid=queue-escalated]"));
    }

    [Fact]
    public async Task The_no_department_and_unassigned_filters_are_offered_selected_and_kept_in_the_queue_links()
    {
        var (client, reference) = await LogAsync("Boiler broken", "No heating since Tuesday.");
        using var _ = client;

        var page = await client.GetPageAsync("/cases?queue=unassigned&department=none&assignee=none");
        var mine = await client.GetPageAsync("/cases?queue=mine&assignee=none");

        var row = Assert.Single(page.QuerySelectorAll("[data-testid=case-row]"));
        Assert.Equal($"/cases/{reference}", row.QuerySelector("a.reference")!.GetAttribute("href"));
        var department = page.QuerySelector("#filter-department option[selected]")!;
        Assert.Equal(("none", "No department"), (department.GetAttribute("value"), department.TextContent.Trim()));
        var assignee = page.QuerySelector("#filter-assignee option[selected]")!;
        Assert.Equal(("none", "Unassigned"), (assignee.GetAttribute("value"), assignee.TextContent.Trim()));
        Assert.Equal("Department", page.QuerySelector("label[for=filter-department]")!.TextContent.Trim());
        Assert.Equal("/cases?queue=overdue&department=none&assignee=none", page.QuerySelector("[data-testid=queue-overdue]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("a[href='/cases?queue=unassigned']"));

        // A new case is nobody's: "nobody assigned" never puts it in the agent's own queue.
        Assert.Empty(mine.QuerySelectorAll("[data-testid=case-row]"));
        Assert.NotNull(mine.QuerySelector("[data-testid=empty-queue]"));
    }

    [Fact]
    public async Task A_department_or_assignee_that_is_neither_listed_nor_none_is_explained_beside_its_field()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var page = await client.GetPageAsync("/cases?queue=overdue&department=nowhere&assignee=nobody");

        Assert.Equal("Choose one of the listed departments, or No department.", page.QuerySelector("#filter-department-error")!.TextContent.Trim());
        Assert.Equal("Choose one of the listed members of staff, or Unassigned.", page.QuerySelector("#filter-assignee-error")!.TextContent.Trim());
        Assert.Empty(page.QuerySelectorAll("[data-testid=case-row]"));
    }

    [Fact]
    public async Task An_empty_queue_says_so()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var page = await client.GetPageAsync("/cases?queue=overdue");

        Assert.Contains("Nothing is overdue", page.QuerySelector("[data-testid=empty-queue]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_filter_value_is_explained_beside_its_field()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var page = await client.GetPageAsync("/cases?queue=mine&status=Closed&priority=Urgent");

        Assert.Contains("closed cases are found with search", page.QuerySelector("#filter-status-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("listed priorities", page.QuerySelector("#filter-priority-error")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("[data-testid=case-row]"));
    }

    [Fact]
    public async Task Every_staff_page_has_the_search_box()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        foreach (var url in new[] { "/", "/cases", "/cases/log", "/cases/search" })
        {
            var form = (await client.GetPageAsync(url)).QuerySelector("header form[role=search]")!;
            Assert.Equal("/cases/search", form.GetAttribute("action"));
            Assert.Equal("get", form.GetAttribute("method"));
            Assert.NotNull(form.QuerySelector("input[name=q]"));
        }
    }

    [Fact]
    public async Task Searching_a_reference_goes_straight_to_the_case()
    {
        var (client, reference) = await LogAsync("Boiler broken", "No heating since Tuesday.");
        using var _ = client;

        var response = await client.GetAsync(new Uri("/cases/search?q=" + Uri.EscapeDataString(reference.ToLowerInvariant()), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cases/{reference}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Searching_words_lists_the_matching_cases_and_no_match_says_so()
    {
        var (client, reference) = await LogAsync("Boiler broken", "No heating since Tuesday.");
        using var _ = client;

        var found = await client.GetPageAsync("/cases/search?q=heating");
        var none = await client.GetPageAsync("/cases/search?q=zeppelin");

        var hit = Assert.Single(found.QuerySelectorAll("[data-testid=search-hit]"));
        Assert.Contains(reference, hit.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aisha Khan", hit.TextContent, StringComparison.Ordinal);
        Assert.Contains("Logged", hit.TextContent, StringComparison.Ordinal);
        Assert.NotNull(hit.QuerySelector("time"));
        Assert.Contains("No case matches", none.QuerySelector("[data-testid=no-results]")!.TextContent, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Security;

/// <summary>The unhandled 500s the security test found, each now a clear answer; <see cref="HostileQueryTests"/> keeps looking for more.</summary>
[Collection(WebCollection.Name)]
public sealed class ReportedServerErrorTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>A GET by a fresh session, signed in as the staff member with that email unless it is null.</summary>
    private async Task<HttpResponseMessage> GetAsync(string? email, string url)
    {
        using var client = fixture.CreateClient();
        if (email is not null)
        {
            await client.SignInAsync(email, email == WebFixture.AdminEmail ? WebFixture.AdminPassword : WebFixture.AgentPassword);
        }

        return await client.GetAsync(new Uri(url, UriKind.Relative));
    }

    [Theory]
    [InlineData("receivedAt=0001-01-01T00:00:00Z", "receivedAt")]
    [InlineData("receivedAt=9999-12-31T23:59:59Z", "receivedAt")]
    [InlineData("receivedAt=2026-11-25T10:00:00Z&resolvedAt=9999-12-31T00:00:00Z", "resolvedAt")]
    public async Task Sla_preview_with_an_instant_outside_the_calendars_years_answers_400_problem_json_not_500(string instants, string parameter)
    {
        using var response = await GetAsync(null, $"/api/sla/preview?type=General&priority=Normal&{instants}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = problem.RootElement.GetProperty("errors").GetProperty(parameter)[0].GetString();
        Assert.Contains("between 1901 and 2398", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sla_preview_with_a_NUL_answers_400_problem_json_not_500()
    {
        using var response = await GetAsync(null, "/api/sla/preview?type=%00&priority=Normal&receivedAt=2026-11-25T10:00:00Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("NUL", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/cases/search?q=%00")]
    [InlineData("/cases/search?q=boiler%00")]
    [InlineData("/cases?assignee=%00")]
    public async Task Case_search_for_a_NUL_answers_400_saying_why_not_500(string url)
    {
        using var response = await GetAsync(WebFixture.AgentEmail, url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("NUL character", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_form_posted_with_a_NUL_answers_400_and_stores_nothing()
    {
        using var client = fixture.CreateClient();
        int billing;
        await using (var db = fixture.CreateDbContext())
        {
            billing = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        }

        var form = await client.GetPageAsync("/complaints/new");
        using var content = new FormUrlEncodedContent(
        [
            new("Input.CustomerName", "Aisha\0Khan"),
            new("Input.CustomerEmail", "aisha.khan@example.com"),
            new("Input.ComplaintTypeId", billing.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Subject", "Charged twice"),
            new("Input.Description", "The October invoice was taken twice."),
            new("Input.FormToken", form.QuerySelector("input[name='Input.FormToken']")!.GetAttribute("value")!),
            new("__RequestVerificationToken", form.AntiForgeryToken()),
        ]);
        using var response = await client.PostAsync(new Uri("/complaints/new", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("NUL character", (await response.ReadDocumentAsync()).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await using var after = fixture.CreateDbContext();
        Assert.Equal(0, await after.Complaints.CountAsync());
    }

    [Theory]
    [InlineData("/dashboard/kpis")]
    [InlineData("/dashboard/agents")]
    [InlineData("/dashboard/kpis?handler=Csv&table=kpis")]
    public async Task Dashboard_dates_far_outside_living_memory_show_a_message_on_the_form_not_500(string page)
    {
        using var response = await GetAsync(WebFixture.AdminEmail, page + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "period=custom&from=0001-01-01&to=9999-12-31");

        if (page.Contains("handler=Csv", StringComparison.Ordinal))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.ReadDocumentAsync();
        Assert.Equal("Choose a date between 2000 and 2399.", document.QuerySelector("#to-error")!.TextContent.Trim());
        Assert.Equal("0001-01-01", document.QuerySelector("#from")!.GetAttribute("value"));
        Assert.Equal("9999-12-31", document.QuerySelector("#to")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("-2147483648")]
    public async Task Outbox_page_number_that_overflows_answers_an_empty_page_not_500(string pageNumber)
    {
        using var response = await GetAsync(WebFixture.AdminEmail, $"/admin/messages/outbox?pageNumber={pageNumber}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

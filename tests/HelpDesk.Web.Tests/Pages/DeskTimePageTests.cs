using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// Pages write times through the one formatter (docs/architecture.md, "Time"): a case received half an
/// hour into a summer day in London (23:30 the day before in UTC) reads as that local day on the
/// staff page and on the customers' status page, each in its own named format.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DeskTimePageTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_case_page_and_the_status_page_show_the_received_time_on_the_desks_clock()
    {
        using var staff = fixture.CreateClient();
        await staff.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        int billing;
        await using (var db = fixture.CreateDbContext())
        {
            billing = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        }

        // The last 1 July that has passed (received at most a year back): British Summer Time whatever the year.
        var today = DateTime.UtcNow;
        var year = today >= new DateTime(today.Year, 7, 2, 0, 0, 0, DateTimeKind.Utc) ? today.Year : today.Year - 1;
        var weekday = new DateTime(year, 7, 1).DayOfWeek.ToString()[..3];
        var logged = await staff.SubmitAsync("/cases/log",
        [
            new("Input.ReceivedAt", string.Create(CultureInfo.InvariantCulture, $"{year}-07-01T00:30")),
            new("Input.Channel", "Email"),
            new("Input.Kind", "Complaint"),
            new("Input.ComplaintTypeId", billing.ToString(CultureInfo.InvariantCulture)),
            new("Input.Priority", "Normal"),
            new("Input.CustomerName", "Aisha Khan"),
            new("Input.CustomerEmail", "aisha@example.com"),
            new("Input.Subject", "Charged twice"),
            new("Input.Description", "Twice in June."),
        ]);
        var caseUrl = logged.Headers.Location!.OriginalString;

        var casePage = await staff.GetPageAsync(caseUrl);
        var received = casePage.QuerySelectorAll("dt").Single(dt => dt.TextContent == "Received").NextElementSibling!.QuerySelector("time")!;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{year}-06-30T23:30:00.0000000+00:00"), received.GetAttribute("datetime"));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{weekday} 1 Jul {year}, 00:30"), received.TextContent);

        using var customer = fixture.CreateClient();
        using var status = await customer.SubmitAsync("/status", [new("Input.Reference", caseUrl.Split('/').Last()), new("Input.Contact", "aisha@example.com")]);
        var statusPage = await status.ReadDocumentAsync();
        var receivedOn = statusPage.QuerySelectorAll("dt").Single(dt => dt.TextContent == "Received").NextElementSibling!;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"1 July {year}"), receivedOn.TextContent);
    }
}

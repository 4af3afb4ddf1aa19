using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// A supervisor's morning, in Chromium: the dashboard shows a case past its acknowledgement deadline;
/// the count leads to the overdue queue and the case, and "Unassigned" to the overdue cases nobody
/// has; back on the dashboard the supervisor reassigns it to an engineer, downloads the overdue list
/// as CSV, and records last week's review, which the dashboard then reports.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SupervisorDashboardJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string SamEmail = "sam@example.test";
    private const string Password = "A long password 1";
    private string _reference = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        var technical = await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None);
        var service = await seeder.EnsureDepartmentAsync("Customer service", CancellationToken.None);
        await seeder.EnsureStaffAsync("eli@example.test", "Eli Engineer", Password, StaffRoles.Agent, technical.Id);
        await seeder.EnsureStaffAsync(SamEmail, "Sam Supervisor", Password, StaffRoles.Supervisor, service.Id);
        var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Application.Persistence.HelpDeskDbContext>();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();

        // Received a month ago by the app's own clock and never acknowledged: long past its deadline.
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        _reference = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(CaseBuilder.Command(clock.GetUtcNow().AddDays(-30), Channel.PostalMail, general, new CaseBuilder.Customer("Ola Nowak", "ola@example.com")) with
        {
            Subject = "No heating since October",
            Description = "The engineer never came back.",
        })).Reference;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_supervisor_drills_into_an_overdue_case_reassigns_it_exports_the_list_and_records_a_weekly_review()
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/dashboard");
        await page.GetByLabel("Email").FillAsync(SamEmail);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // The overdue case, and no review yet.
        var row = page.GetByTestId($"overdue-{_reference}");
        await Expect(row).ToContainTextAsync("Acknowledge");
        await Expect(row).ToContainTextAsync("overdue by");
        await Expect(page.GetByTestId("latest-review-weekly")).ToHaveTextAsync("No weekly review recorded yet");

        // The count leads to the overdue queue filtered to the type: exactly this case.
        await page.GetByTestId("overdue-by-type").GetByRole(AriaRole.Link, new() { Name = "General" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/cases\?queue=overdue&type=\d+$"));
        var rows = page.GetByTestId("case-row");
        await Expect(rows).ToHaveCountAsync(1);
        await rows.GetByRole(AriaRole.Link, new() { Name = _reference }).ClickAsync();
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(_reference);
        await Expect(page.GetByTestId("department")).ToHaveTextAsync("Not yet referred");

        // Back to the dashboard, and reassign it.
        await page.GoBackAsync();
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/dashboard$"));

        // Nobody has it yet: "Unassigned" leads to the overdue queue of cases nobody is assigned to.
        await page.GetByTestId("overdue-by-assignee").GetByRole(AriaRole.Link, new() { Name = "Unassigned" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/cases\?queue=overdue&assignee=none$"));
        await Expect(page.GetByLabel("Assignee")).ToHaveValueAsync("none");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.GetByRole(AriaRole.Link, new() { Name = _reference })).ToBeVisibleAsync();
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/dashboard$"));
        await page.GetByTestId($"pick-{_reference}").CheckAsync();
        await page.GetByLabel("Department", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Technical" });
        await page.GetByLabel("Person").SelectOptionAsync(new SelectOptionValue { Label = "Eli Engineer (Technical)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Reassign ticked cases" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToHaveTextAsync("1 case reassigned to Eli Engineer (Technical).");
        await Expect(page.GetByTestId($"overdue-{_reference}")).ToContainTextAsync("Eli Engineer");

        // The overdue list as CSV, through the browser's own download.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-overdue").ClickAsync());
        Assert.StartsWith("overdue-", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Reference,Subject,Deadline", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{_reference},No heating since October,Acknowledge,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",Technical,Eli Engineer,", lines[1], StringComparison.Ordinal);

        // Last week's review, recorded; the dashboard says so.
        await page.GetByRole(AriaRole.Link, new() { Name = "Periodic reviews" }).ClickAsync();
        await Expect(page.GetByTestId("review-period")).ToContainTextAsync("week of");
        await page.GetByLabel("What the review found").FillAsync("One letter complaint unacknowledged for a month; reassigned to Technical.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the review" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("recorded.");
        await Expect(page.GetByTestId("reviews-of-period")).ToContainTextAsync("by Sam Supervisor");
        await page.GetByRole(AriaRole.Link, new() { Name = "Dashboard", Exact = true }).First.ClickAsync();
        await Expect(page.GetByTestId("latest-review-weekly")).ToContainTextAsync("Last weekly review:");
        await Expect(page.GetByTestId("latest-review-weekly")).ToContainTextAsync("by Sam Supervisor");
    }
}

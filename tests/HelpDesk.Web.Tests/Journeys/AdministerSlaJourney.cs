using System.Globalization;
using System.Text.RegularExpressions;
using HelpDesk.Domain.Sla;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

[Collection(WebCollection.Name)]
public sealed class AdministerSlaJourney(WebFixture fixture) : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_administrator_changes_the_billing_row_and_office_hours_and_only_complaints_logged_afterwards_get_the_new_deadlines()
    {
        // Both complaints arrived at the same moment three days ago, so only the edits between them differ.
        var receivedLocal = DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, London).Date.AddDays(-3).AddHours(10), DateTimeKind.Unspecified);
        var received = new DateTimeOffset(receivedLocal, London.GetUtcOffset(receivedLocal));
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/admin");
        await page.GetByLabel("Email").FillAsync(WebFixture.AdminEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Administration" })).ToBeVisibleAsync();

        var before = await LogBillingComplaintAsync(page, receivedLocal);

        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "SLA table" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Billing issues, any priority", Exact = true }).ClickAsync();
        await page.GetByLabel("Resolve within: how many").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save row" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Resolve.Amount']")).ToContainTextAsync("more than zero");
        await page.GetByLabel("Resolve within: how many").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save row" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("Row saved");
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Billing issues, any priority" })).ToContainTextAsync("1 working day");

        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Business calendars" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit office", Exact = true }).ClickAsync();
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" })
        {
            await page.GetByLabel(day, new() { Exact = true }).FillAsync("08:00-12:00, 13:00-18:00");
        }

        await page.GetByLabel("Saturday", new() { Exact = true }).FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save calendar" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("Calendar saved");

        // The public policy page reads the live table: anyone sees the new target at once, without signing in.
        var reader = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await reader.GotoAsync("/policy");
        var billingRow = reader.GetByTestId("sla-table").GetByRole(AriaRole.Row, new() { Name = "Billing issues, any priority" });
        await Expect(billingRow.Locator("td").Nth(1)).ToHaveTextAsync("1 working day");
        await Expect(billingRow).ToContainTextAsync("office calendar");

        var after = await LogBillingComplaintAsync(page, receivedLocal);

        IReadOnlyList<OpenInterval> weekday = [OpenInterval.Hours(8, 12), OpenInterval.Hours(13, 18)];
        var newOffice = BusinessCalendar.Create("office", "Europe/London", new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, _ => weekday));
        Assert.Equal(SlaTarget.WorkingDays(1).DeadlineFrom(received, newOffice), after.ResolveDue);
        await page.GotoAsync($"/cases/{before.Reference}");
        Assert.Equal(SlaTarget.WorkingDays(3).DeadlineFrom(received, BusinessCalendar.Office()), await ResolveDueAsync(page));
        Assert.NotEqual(after.ResolveDue, before.ResolveDue);
        Assert.Equal(before.ResolveDue, await ResolveDueAsync(page));

        await page.GotoAsync("/admin/changes");
        await Expect(page.GetByTestId("changes").Locator("li").First).ToContainTextAsync("Calendar office");
        await Expect(page.GetByTestId("changes").Locator("li").Nth(1)).ToContainTextAsync("SLA row Billing issues, any priority");
    }

    private static async Task<(string Reference, DateTimeOffset ResolveDue)> LogBillingComplaintAsync(IPage page, DateTime receivedLocal)
    {
        await page.GotoAsync("/cases/log");
        await page.GetByLabel("Received at").FillAsync(receivedLocal.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "Email" });
        await page.GetByLabel("Complaint type").SelectOptionAsync(new SelectOptionValue { Label = "Billing issues" });
        await page.GetByLabel("Name").FillAsync("Aisha Khan");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync("aisha@example.com");
        await page.GetByLabel("Subject").FillAsync("Charged twice");
        await page.GetByLabel("Description").FillAsync("The October invoice was taken twice.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log and get reference number" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/cases/HD-"));
        return (await page.GetByTestId("reference").InnerTextAsync(), await ResolveDueAsync(page));
    }

    private static async Task<DateTimeOffset> ResolveDueAsync(IPage page) =>
        DateTimeOffset.Parse(
            await page.GetByTestId("deadline-resolution").Locator("time").First.GetAttributeAsync("datetime") ?? throw new InvalidOperationException("No resolution deadline shown."),
            CultureInfo.InvariantCulture);
}

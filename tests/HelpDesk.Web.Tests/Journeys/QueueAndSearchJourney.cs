using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// An agent works from the queues and the search box with the keyboard, in Chromium, under the real
/// Content-Security-Policy: the browser must report no violation, and the log form's live deadline
/// preview (an external script calling back to the server) must still work.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class QueueAndSearchJourney(WebFixture fixture) : IAsyncLifetime
{
    private string _reference = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        _reference = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(CaseBuilder.Command(DateTimeOffset.UtcNow.AddHours(-1), Channel.Email, general, new CaseBuilder.Customer("Ola Nowak", "ola@example.com")) with
        {
            Subject = "Boiler broken",
            Description = "No heating since the engineer's visit.",
        })).Reference;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_agent_filters_a_queue_and_searches_with_the_keyboard_and_the_policy_blocks_nothing()
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };

        await page.GotoAsync("/cases?queue=unassigned");
        await page.GetByLabel("Email").FillAsync(WebFixture.AgentEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AgentPassword);
        await page.GetByLabel("Password").PressAsync("Enter");

        var rows = page.GetByTestId("case-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Boiler broken");

        await page.GetByLabel("Priority").SelectOptionAsync(new SelectOptionValue { Label = "Critical" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).PressAsync("Enter");
        await Expect(page.GetByTestId("empty-queue")).ToContainTextAsync("No cases in this queue match these filters");
        Assert.Contains("priority=Critical", page.Url, StringComparison.Ordinal);

        var search = page.GetByLabel("Search cases by reference number");
        await search.FillAsync("heating");
        await search.PressAsync("Enter");
        var hit = page.GetByTestId("search-hit");
        await Expect(hit).ToContainTextAsync(_reference);
        await hit.GetByRole(AriaRole.Link, new() { Name = _reference }).PressAsync("Enter");
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(_reference);

        await page.GotoAsync("/cases/log");
        await page.GetByLabel("Complaint type").SelectOptionAsync(new SelectOptionValue { Label = "General" });
        await page.GetByLabel("Priority").SelectOptionAsync(new SelectOptionValue { Label = "Normal" });
        await Expect(page.Locator("#deadline-preview")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-preview=acknowledgeBy]")).Not.ToBeEmptyAsync();

        Assert.Empty(violations);
    }
}

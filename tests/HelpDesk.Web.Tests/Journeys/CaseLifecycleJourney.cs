using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// A phone complaint from logging to resolution across two departments, in Chromium: the agent who
/// took the call acknowledges it verbally and refers it to a colleague elsewhere, who resolves it; a
/// supervisor then reads the whole story on the timeline.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CaseLifecycleJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string EliEmail = "eli@example.test";
    private const string SamEmail = "sam@example.test";
    private const string Password = "A long password 1";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        var technical = await seeder.EnsureDepartmentAsync("Technical", CancellationToken.None);
        var service = await seeder.EnsureDepartmentAsync("Customer service", CancellationToken.None);
        await seeder.EnsureStaffAsync(EliEmail, "Eli Engineer", Password, StaffRoles.Agent, technical.Id);
        await seeder.EnsureStaffAsync(SamEmail, "Sam Supervisor", Password, StaffRoles.Supervisor, service.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<IPage> SignInAtAsync(string url, string email, string password)
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync(url);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    private static ILocator Action(IPage page, string name) => page.Locator("details.action > summary", new() { HasText = name });

    [Fact]
    public async Task A_phone_complaint_is_acknowledged_verbally_referred_to_another_department_resolved_there_and_read_by_a_supervisor()
    {
        // The agent takes the call and logs it.
        var agent = await SignInAtAsync("/cases/log", WebFixture.AgentEmail, WebFixture.AgentPassword);
        await agent.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "Phone" });
        await agent.GetByLabel("Complaint type").SelectOptionAsync(new SelectOptionValue { Label = "Product defects" });
        await agent.GetByLabel("Name").FillAsync("Aisha Khan");
        await agent.GetByLabel("Phone", new() { Exact = true }).FillAsync("+44 20 7946 0958");
        await agent.GetByLabel("Subject").FillAsync("Router drops the connection");
        await agent.GetByLabel("Description").FillAsync("Every evening since the update.");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Log and get reference number" }).ClickAsync();
        await Expect(agent.Locator(".confirmation")).ToContainTextAsync("Give the customer this reference number");
        var caseUrl = new Uri(agent.Url).PathAndQuery;

        // Still on the phone: acknowledged verbally, as the policy says for a call, and referred to an engineer.
        await Action(agent, "Acknowledge").ClickAsync();
        var method = agent.GetByLabel("Acknowledged how", new() { Exact = true });
        await Expect(method).ToHaveValueAsync(nameof(AcknowledgementMethod.Verbal));
        await method.SelectOptionAsync(new SelectOptionValue { Label = "by email" });
        await Expect(agent.Locator("#method-warning")).ToBeVisibleAsync();
        await method.SelectOptionAsync(new SelectOptionValue { Label = "verbally" });
        await Expect(agent.Locator("#method-warning")).ToBeHiddenAsync();
        await agent.GetByLabel("Referred to department").SelectOptionAsync(new SelectOptionValue { Label = "Technical" });
        await agent.GetByLabel("Referred to person").SelectOptionAsync(new SelectOptionValue { Label = "Eli Engineer (Technical)" });
        await agent.GetByRole(AriaRole.Button, new() { Name = "Record acknowledgement" }).ClickAsync();
        await Expect(agent.Locator(".confirmation")).ToHaveTextAsync("Acknowledged.");
        await Expect(agent.GetByTestId("status")).ToHaveTextAsync("Acknowledged");
        await Expect(agent.GetByTestId("department")).ToHaveTextAsync("Technical");
        await Expect(agent.GetByTestId("assignee")).ToHaveTextAsync("Eli Engineer");
        await Expect(Action(agent, "Extend")).ToHaveCountAsync(0);

        // The engineer finds it, notes what they did (an impatient double click records it once), and resolves it.
        var engineer = await SignInAtAsync(caseUrl, EliEmail, Password);
        await Expect(engineer.GetByTestId("assignee")).ToHaveTextAsync("Eli Engineer");
        await Action(engineer, "Add an internal note").ClickAsync();
        await engineer.GetByLabel("Internal note").FillAsync("Firmware 2.1 resets the DHCP lease.");
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Add internal note" }).DblClickAsync();
        await Expect(engineer.Locator(".confirmation")).ToHaveTextAsync("Internal note added.");
        await Action(engineer, "Resolve").ClickAsync();
        await engineer.GetByLabel("Analysis of the issue").FillAsync("Firmware 2.1 resets the DHCP lease every evening.");
        await engineer.GetByLabel("Proposed resolution, or the reasons it cannot be accommodated").FillAsync("Rolled back to 2.0; a fixed 2.2 follows next week.");
        await engineer.GetByLabel("Told to the customer").SelectOptionAsync(new SelectOptionValue { Label = "verbally" });
        await engineer.GetByRole(AriaRole.Button, new() { Name = "Record resolution" }).ClickAsync();
        await Expect(engineer.Locator(".confirmation")).ToContainTextAsync("Resolved");
        await Expect(engineer.GetByTestId("status")).ToHaveTextAsync("Resolved");

        // The supervisor reads the whole story.
        var supervisor = await SignInAtAsync(caseUrl, SamEmail, Password);
        var timeline = supervisor.GetByTestId("timeline").Locator("li");
        await Expect(timeline).ToHaveCountAsync(4);
        await Expect(timeline.Nth(0)).ToContainTextAsync("logged from phone");
        await Expect(timeline.Nth(0)).ToContainTextAsync("Alex Agent");
        await Expect(timeline.Nth(1)).ToContainTextAsync("Acknowledged verbally; referred to Eli Engineer (Technical)");
        await Expect(timeline.Nth(2)).ToContainTextAsync("Firmware 2.1 resets the DHCP lease.");
        await Expect(timeline.Nth(2).Locator(".visibility")).ToHaveTextAsync("Internal");
        await Expect(timeline.Nth(3)).ToContainTextAsync("Resolved (verbally)");
        await Expect(timeline.Nth(3)).ToContainTextAsync("Eli Engineer");
        await Expect(timeline.Nth(3).Locator(".visibility")).ToHaveTextAsync("Customer can see");

        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.TimelineEvents.CountAsync(e => e.Type == TimelineEventType.InternalNote));
    }
}

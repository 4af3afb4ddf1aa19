using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

[Collection(WebCollection.Name)]
public sealed class SuggestionJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string SupervisorEmail = "supervisor@example.test";
    private const string SupervisorPassword = "supervisor password 2026";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync(SupervisorEmail, "Sam Supervisor", SupervisorPassword, StaffRoles.Supervisor);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_customers_suggestion_is_adopted_by_a_supervisor_and_published_on_you_said_we_did()
    {
        // Its own host, so the shared host's rate-limit window is left to the other tests.
        await using var app = new HelpDeskApp(fixture.ConnectionString);
        app.StartServer();
        var customer = await Browser.NewPageAsync(app.BaseAddress);

        await customer.GotoAsync("/account/sign-in");
        await customer.GetByRole(AriaRole.Link, new() { Name = "Make a suggestion" }).ClickAsync();
        await customer.GetByLabel("Your name (optional)").FillAsync("Aisha Khan");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send my suggestion" }).ClickAsync();
        await Expect(customer.Locator("[data-valmsg-for='Input.Text']")).ToHaveTextAsync("Tell us your suggestion.");
        await Expect(customer.GetByLabel("Your name (optional)")).ToHaveValueAsync("Aisha Khan");
        await customer.GetByLabel("Your suggestion").FillAsync("Please open on Saturday mornings.");
        await customer.GetByLabel("A partner organisation").CheckAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send my suggestion" }).ClickAsync();
        await Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your suggestion" })).ToBeVisibleAsync();

        var supervisor = await Browser.NewPageAsync(app.BaseAddress);
        await supervisor.GotoAsync("/account/sign-in");
        await supervisor.GetByLabel("Email").FillAsync(SupervisorEmail);
        await supervisor.GetByLabel("Password").FillAsync(SupervisorPassword);
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await supervisor.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Suggestions" }).ClickAsync();
        await Expect(supervisor.GetByTestId("waiting")).ToContainTextAsync("1 waiting");
        var row = supervisor.GetByTestId("suggestion-row");
        await Expect(row).ToContainTextAsync("partner");
        await row.GetByRole(AriaRole.Link).ClickAsync();

        await supervisor.GetByRole(AriaRole.Radio, new() { Name = "Adopt" }).CheckAsync();
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(supervisor.Locator("[data-valmsg-for='Review.Explanation']")).ToContainTextAsync("Describe the change made");
        await supervisor.GetByLabel("The change made, or the reason it cannot be adopted").FillAsync("We now open 9-12 on Saturdays.");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        await Expect(supervisor.Locator(".confirmation")).ToContainTextAsync("Suggestion adopted.");
        await Expect(supervisor.Locator("#suggestion-status")).ToHaveTextAsync("Adopted");

        await supervisor.GetByRole(AriaRole.Textbox, new() { Name = "You said", Exact = true }).FillAsync("Open on Saturday mornings.");
        await Expect(supervisor.GetByRole(AriaRole.Textbox, new() { Name = "We did", Exact = true })).ToHaveValueAsync("We now open 9-12 on Saturdays.");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Publish on You said, we did" }).ClickAsync();
        await Expect(supervisor.Locator(".confirmation")).ToContainTextAsync("Published");

        await customer.GetByRole(AriaRole.Link, new() { Name = "You said, we did" }).First.ClickAsync();
        var published = customer.GetByTestId("you-said-we-did");
        await Expect(published).ToContainTextAsync("You said: Open on Saturday mornings.");
        await Expect(published).ToContainTextAsync("We did: We now open 9-12 on Saturdays.");
        await Expect(customer.Locator("main")).Not.ToContainTextAsync("Aisha");
    }
}

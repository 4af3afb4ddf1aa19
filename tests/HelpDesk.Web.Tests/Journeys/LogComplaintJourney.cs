using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

[Collection(WebCollection.Name)]
public sealed partial class LogComplaintJourney(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_agent_logs_a_phone_complaint_in_the_browser_and_finds_it_again_by_its_reference()
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);

        await page.GotoAsync("/cases/log");
        await Expect(page).ToHaveURLAsync(SignInAddress());
        await page.GetByLabel("Email").FillAsync(WebFixture.AgentEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log a complaint" })).ToBeVisibleAsync();
        await page.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "Phone" });
        await page.GetByLabel("Complaint type").SelectOptionAsync(new SelectOptionValue { Label = "Billing issues" });
        await page.GetByLabel("Name").FillAsync("Aisha Khan");
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync("+44 20 7946 0958");
        await page.GetByLabel("Subject").FillAsync("Charged twice for October");
        await page.GetByLabel("Description").FillAsync("The October invoice was taken twice.");
        // Forgetting a contact detail is not the case here, but a blank subject would be: try it first.
        await page.GetByLabel("Subject").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log and get reference number" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Subject']")).ToContainTextAsync("Enter a subject");
        await Expect(page.GetByLabel("Name")).ToHaveValueAsync("Aisha Khan");

        await page.GetByLabel("Subject").FillAsync("Charged twice for October");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log and get reference number" }).ClickAsync();

        var confirmation = page.Locator(".confirmation");
        await Expect(confirmation).ToContainTextAsync("Give the customer this reference number");
        var reference = await page.GetByTestId("reference").InnerTextAsync();
        Assert.Matches(ReferencePattern(), reference);
        await Expect(page.Locator(".timeline")).ToContainTextAsync("Alex Agent");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search cases" }).FillAsync(reference.ToLowerInvariant().Replace('-', ' '));
        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search cases" }).PressAsync("Enter");
        await Expect(page.GetByTestId("reference")).ToHaveTextAsync(reference);
        await Expect(page.Locator(".subject")).ToHaveTextAsync("Charged twice for October");
    }

    private static Regex SignInAddress() => new("/account/sign-in");

    [GeneratedRegex(@"^HD-\d{4}-\d{6}-[A-Z]$")]
    private static partial Regex ReferencePattern();
}

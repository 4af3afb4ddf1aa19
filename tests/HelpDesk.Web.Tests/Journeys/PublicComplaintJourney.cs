using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

[Collection(WebCollection.Name)]
public sealed partial class PublicComplaintJourney(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_customer_makes_a_complaint_without_signing_in_and_checks_it_on_the_status_page()
    {
        // Its own host, so the shared host's rate-limit window is left to the other tests.
        await using var app = new HelpDeskApp(fixture.ConnectionString);
        app.StartServer();
        var page = await Browser.NewPageAsync(app.BaseAddress);

        await page.GotoAsync("/account/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Make a complaint" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Make a complaint" })).ToBeVisibleAsync();
        await page.GetByLabel("Your name").FillAsync("Aisha Khan");
        await page.GetByLabel("Email address").FillAsync("aisha.khan@example.com");
        await page.GetByLabel("What is it about?").SelectOptionAsync(new SelectOptionValue { Label = "Billing issues" });
        await page.GetByLabel("What happened?").FillAsync("The October invoice was taken twice.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my complaint" }).ClickAsync();
        await Expect(page.Locator("[data-valmsg-for='Input.Subject']")).ToContainTextAsync("Enter a subject");
        await Expect(page.GetByLabel("Your name")).ToHaveValueAsync("Aisha Khan");

        await page.GetByLabel("Subject").FillAsync("Charged twice for October");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my complaint" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you: we have received your complaint" })).ToBeVisibleAsync();
        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();
        Assert.Matches(ReferencePattern(), reference);
        await Expect(page.Locator("main")).ToContainTextAsync("Customer Service");

        await page.GetByRole(AriaRole.Link, new() { Name = "Check on a complaint" }).ClickAsync();
        await page.GetByLabel("Reference number").FillAsync(reference.ToLowerInvariant());
        await page.GetByLabel("Email address or phone number").FillAsync("aisha.khan@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(reference);
        await Expect(page.Locator("#status-subject")).ToHaveTextAsync("Charged twice for October");
        await Expect(page.Locator("#status-words")).ToHaveTextAsync("Received and acknowledged");
        await Expect(page.Locator(".timeline")).ToContainTextAsync("We received your complaint.");
        Assert.DoesNotContain("aisha.khan", page.Url, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex(@"^HD-\d{4}-\d{6}-[A-Z]$")]
    private static partial Regex ReferencePattern();
}

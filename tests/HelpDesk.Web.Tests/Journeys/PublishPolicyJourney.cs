using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

[Collection(WebCollection.Name)]
public sealed class PublishPolicyJourney(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_administrator_previews_and_publishes_a_new_version_which_the_public_then_reads()
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/admin/policy");
        await page.GetByLabel("Email").FillAsync(WebFixture.AdminEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The published policy" })).ToBeVisibleAsync();
        // The form starts from the version in force.
        await Expect(page.GetByLabel("Text (Markdown)")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("within one business day"));
        await page.GetByLabel("Title").FillAsync("Customer Service Policy, 2027 edition");
        await page.GetByLabel("Text (Markdown)").FillAsync("## Escalation\n\nAsk for a **supervisor** at any time. [Contact us](mailto:care@example.com).");
        await page.GetByLabel("What changed").FillAsync("Escalation made explicit.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        var preview = page.GetByTestId("policy-preview");
        await Expect(preview.GetByRole(AriaRole.Heading, new() { Name = "Escalation" })).ToBeVisibleAsync();
        await Expect(preview.GetByRole(AriaRole.Link, new() { Name = "Contact us" })).ToHaveAttributeAsync("href", "mailto:care@example.com");
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("Customer Service Policy, 2027 edition");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("Published version 2.");

        var visitor = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await visitor.GotoAsync("/policy");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Customer Service Policy, 2027 edition" })).ToBeVisibleAsync();
        await Expect(visitor.GetByTestId("sla-table")).ToContainTextAsync("Default (any type, any priority)");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Earlier versions and what changed" }).ClickAsync();
        await Expect(visitor.GetByTestId("policy-versions")).ToContainTextAsync("Escalation made explicit.");
    }
}

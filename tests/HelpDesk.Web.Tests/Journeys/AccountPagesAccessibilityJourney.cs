using Deque.AxeCore.Playwright;
using HelpDesk.Web.Tests.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// The sign-in pages added for issue 12 (item 11) in Chromium, each checked by axe-core: forgot
/// password, a reset link, setting up one-time codes with the recovery codes shown, and the code step
/// of signing in, which this journey reaches by typing a code computed from the page's key.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AccountPagesAccessibilityJourney(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe();
        Assert.True(results.Violations.Length == 0, $"{page.Url}: " + string.Join("; ", results.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})")));
    }

    [Fact]
    public async Task An_agent_sets_up_one_time_codes_and_signs_in_with_one_on_pages_that_pass_axe()
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/account/sign-in");
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Email").FillAsync("nobody@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("If that address belongs to an active HelpDesk account");
        await AssertAccessibleAsync(page);
        await page.GotoAsync("/account/reset-password?user=nobody&token=made-up");
        await Expect(page.GetByTestId("reset-link-unusable")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        await page.GotoAsync("/account/two-factor");
        await page.GetByLabel("Email").FillAsync(WebFixture.AgentEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AgentPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "One-time codes" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        var key = (await page.GetByTestId("shared-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.GetByLabel("Code from the app").FillAsync(Totp.CodeFor(key, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch one-time codes on" }).ClickAsync();
        await Expect(page.GetByTestId("recovery-codes").Locator("code")).ToHaveCountAsync(10);
        await AssertAccessibleAsync(page);
        await page.GotoAsync("/account/change-password");
        await AssertAccessibleAsync(page);

        var again = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await again.GotoAsync("/cases");
        await again.GetByLabel("Email").FillAsync(WebFixture.AgentEmail);
        await again.GetByLabel("Password").FillAsync(WebFixture.AgentPassword);
        await again.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Your one-time code" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(again);
        await again.GetByLabel("Code").FillAsync(Totp.CodeFor(key, DateTimeOffset.UtcNow));
        await again.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(again.GetByRole(AriaRole.Heading, new() { Name = "Cases", Exact = true })).ToBeVisibleAsync();
    }
}

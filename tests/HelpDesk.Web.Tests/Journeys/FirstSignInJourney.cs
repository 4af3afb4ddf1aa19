using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// A_new_member_of_staff_kept_the_initial_password_an_administrator_chose (issue 12, item 11): an
/// administrator adds someone; at their first sign-in every staff page sends them to choose their own
/// password, and once they have, they work as usual.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class FirstSignInJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string InitialPassword = "welcome aboard nia 2026";
    private const string OwnPassword = "nia picked this passphrase";

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_new_member_of_staff_chooses_their_own_password_at_first_sign_in_before_anything_else()
    {
        var admin = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await admin.GotoAsync("/admin/staff");
        await SignInAsync(admin, WebFixture.AdminEmail, WebFixture.AdminPassword);
        await admin.GetByLabel("Name").FillAsync("Nia New");
        await admin.GetByLabel("Email").FillAsync("nia@example.test");
        await admin.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("Agent");
        await admin.GetByLabel("Department", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Customer Service" });
        await admin.GetByLabel("Initial password").FillAsync(InitialPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Expect(admin.Locator(".confirmation")).ToContainTextAsync("Added Nia New");

        var nia = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await nia.GotoAsync("/cases");
        await SignInAsync(nia, "nia@example.test", InitialPassword);
        await Expect(nia.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        await Expect(nia.GetByTestId("must-change-password")).ToContainTextAsync("choose your own password");
        await nia.GotoAsync("/cases/log");
        await Expect(nia).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/change-password$"));

        await nia.GetByLabel("Current password").FillAsync(InitialPassword);
        await nia.GetByLabel("New password", new() { Exact = true }).FillAsync(OwnPassword);
        await nia.GetByLabel("New password again").FillAsync(OwnPassword);
        await nia.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(nia.Locator(".confirmation")).ToContainTextAsync("Your password is changed");
        await Expect(nia.GetByTestId("must-change-password")).ToHaveCountAsync(0);

        await nia.GotoAsync("/cases");
        await Expect(nia.GetByRole(AriaRole.Heading, new() { Name = "Cases", Exact = true })).ToBeVisibleAsync();
    }

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

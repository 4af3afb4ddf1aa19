using HelpDesk.Domain.Messages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

[Collection(WebCollection.Name)]
public sealed class EditMessageTemplateJourney(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_administrator_sees_the_preview_change_as_they_type_and_a_typo_named_before_saving()
    {
        var page = await Browser.NewPageAsync(fixture.App.BaseAddress);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(WebFixture.AdminEmail);
        await page.GetByLabel("Password").FillAsync(WebFixture.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await page.GotoAsync("/admin/messages/templates");
        await page.GetByRole(AriaRole.Link, new() { Name = "Acknowledgement (email)" }).ClickAsync();
        var preview = page.Locator("#template-preview");
        await Expect(preview.Locator("[data-preview=subject]")).ToHaveTextAsync("We have received your message – reference HD-2026-004217-K");

        await page.GetByLabel("Subject").FillAsync("Thanks <b>{customer_name}</b> – {refrence}");
        await Expect(preview.Locator("[data-preview=problems]")).ToContainTextAsync("{refrence} is not a placeholder");
        await Expect(preview.Locator("[data-preview=message]")).ToBeHiddenAsync();

        await page.GetByLabel("Subject").FillAsync("Thanks <b>{customer_name}</b> – {reference}");
        await Expect(preview.Locator("[data-preview=subject]")).ToHaveTextAsync("Thanks <b>Jordan Example</b> – HD-2026-004217-K");
        await Expect(preview.Locator("[data-preview=problems]")).ToBeHiddenAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save template" }).ClickAsync();
        await Expect(page.Locator(".confirmation")).ToContainTextAsync("Saved.");
        await using var db = fixture.CreateDbContext();
        Assert.Equal("Thanks <b>{customer_name}</b> – {reference}", db.MessageTemplates.Single(t => t.Key == TemplateKeys.AcknowledgementEmail).Subject);
    }
}

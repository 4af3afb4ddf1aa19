using System.Net;
using HelpDesk.Application.Features.Staff;
using HelpDesk.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Staff_could_not_use_one_time_codes (issue 12, item 11): time-based one-time codes (TOTP) with
/// recovery codes, set up by each member of staff and asked for after the password; required of
/// administrators when HelpDesk:Security:RequireTwoFactorForAdministrators is on. Codes are computed
/// from the page's key by <see cref="Totp"/>, as a phone would.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TwoFactorSignInTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Now(string key) => Totp.CodeFor(key, DateTimeOffset.UtcNow);

    /// <summary>Opens the set-up page, reads the key and switches codes on with the code for now; returns the key and the recovery codes.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> SwitchOnAsync(HttpClient client, string email)
    {
        var page = await client.GetPageAsync("/account/two-factor");
        var key = page.QuerySelector("[data-testid=shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var uri = page.QuerySelector("[data-testid=authenticator-uri]")!.GetAttribute("href")!;
        Assert.Equal($"otpauth://totp/HelpDesk%3A{Uri.EscapeDataString(email)}?secret={key}&issuer=HelpDesk&algorithm=SHA1&digits=6&period=30", uri);

        var enabled = await client.SubmitAsync("/account/two-factor?handler=Enable", [new("Code", Now(key))]);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var shown = await client.GetPageAsync("/account/two-factor");
        var codes = shown.QuerySelectorAll("[data-testid=recovery-codes] code").Select(c => c.TextContent).ToList();
        return (key, codes);
    }

    private static async Task<HttpResponseMessage> PasswordStepAsync(HttpClient client, string email, string password) =>
        await client.SubmitAsync("/account/sign-in", [new("Input.Email", email), new("Input.Password", password)]);

    [Fact]
    public async Task With_codes_on_signing_in_asks_for_the_code_after_the_password()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var setup = await agent.GetPageAsync("/account/two-factor");
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var wrong = await (await agent.SubmitAsync("/account/two-factor?handler=Enable", [new("Code", "000000" == Now(key) ? "111111" : "000000")])).ReadDocumentAsync();
        Assert.Contains("does not match the key", wrong.QuerySelector("[data-valmsg-for='Code']")!.TextContent, StringComparison.Ordinal);
        await using (var db = fixture.CreateDbContext())
        {
            Assert.False(await db.Users.Where(u => u.Email == WebFixture.AgentEmail).Select(u => u.TwoFactorEnabled).SingleAsync());
        }

        var (_, recoveryCodes) = await SwitchOnAsync(agent, WebFixture.AgentEmail);

        Assert.Equal(EnableTwoFactor.RecoveryCodeCount, recoveryCodes.Count);
        // Shown once only; this session carries on.
        var later = await agent.GetPageAsync("/account/two-factor");
        Assert.Empty(later.QuerySelectorAll("[data-testid=recovery-codes]"));
        Assert.NotNull(later.QuerySelector("[data-testid=two-factor-on]"));
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(new Uri("/cases", UriKind.Relative))).StatusCode);

        using var fresh = fixture.CreateClient();
        var password = await PasswordStepAsync(fresh, WebFixture.AgentEmail, WebFixture.AgentPassword);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/sign-in/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // The password alone opens nothing.
        var early = await fresh.GetAsync(new Uri("/cases", UriKind.Relative));
        Assert.StartsWith("/account/sign-in", early.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var badCode = await (await fresh.SubmitAsync("/account/sign-in/code", [new("Code", "12345")])).ReadDocumentAsync();
        Assert.Equal(SignInCodeModel.Failure, badCode.QuerySelector("[data-valmsg-for='Code']")!.TextContent);

        var code = await fresh.SubmitAsync("/account/sign-in/code", [new("Code", Now(Key(setup)))]);

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(new Uri("/cases", UriKind.Relative))).StatusCode);
    }

    private static string Key(AngleSharp.Html.Dom.IHtmlDocument setup) =>
        setup.QuerySelector("[data-testid=shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var (_, recoveryCodes) = await SwitchOnAsync(agent, WebFixture.AgentEmail);

        using var first = fixture.CreateClient();
        await PasswordStepAsync(first, WebFixture.AgentEmail, WebFixture.AgentPassword);
        var used = await first.SubmitAsync("/account/sign-in/code", [new("Code", recoveryCodes[0])]);
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync(new Uri("/cases", UriKind.Relative))).StatusCode);

        using var second = fixture.CreateClient();
        await PasswordStepAsync(second, WebFixture.AgentEmail, WebFixture.AgentPassword);
        var again = await second.SubmitAsync("/account/sign-in/code", [new("Code", recoveryCodes[0])]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(SignInCodeModel.Failure, (await again.ReadDocumentAsync()).QuerySelector("[data-valmsg-for='Code']")!.TextContent);
    }

    [Fact]
    public async Task When_required_an_administrator_sets_up_codes_before_anything_else_and_cannot_switch_them_off()
    {
        await using var app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Security:RequireTwoFactorForAdministrators"] = "true",
        });
        app.StartServer();
        using var admin = fixture.CreateClient(app);
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        // The home page is public (docs/public-forms.md, "The home page"), so it stays open like the other public pages.
        foreach (var url in new[] { "/admin", "/admin/staff", "/cases" })
        {
            var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/two-factor", response.Headers.Location!.OriginalString);
        }

        Assert.NotNull((await admin.GetPageAsync("/account/two-factor")).QuerySelector("[data-testid=two-factor-required]"));
        using var agent = fixture.CreateClient(app);
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(new Uri("/cases", UriKind.Relative))).StatusCode);

        await SwitchOnAsync(admin, WebFixture.AdminEmail);

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/admin", UriKind.Relative))).StatusCode);
        var off = await (await admin.SubmitAsync("/account/two-factor?handler=Disable", [])).ReadDocumentAsync();
        Assert.Contains("cannot be switched off", off.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.True(await db.Users.Where(u => u.Email == WebFixture.AdminEmail).Select(u => u.TwoFactorEnabled).SingleAsync());
    }
}

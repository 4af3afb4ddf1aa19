using System.Net;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Security;

[Collection(WebCollection.Name)]
public sealed class ChangePasswordPageTests(WebFixture fixture) : IAsyncLifetime
{
    private const string NewPassword = "a brand new agent passphrase";

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<KeyValuePair<string, string>> Form(string current, string next, string confirm) =>
        [new("Input.CurrentPassword", current), new("Input.NewPassword", next), new("Input.ConfirmNewPassword", confirm)];

    [Fact]
    public async Task The_current_password_is_required_and_a_wrong_one_changes_nothing()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var missing = await (await agent.SubmitAsync("/account/change-password", Form("", NewPassword, NewPassword))).ReadDocumentAsync();
        var wrong = await (await agent.SubmitAsync("/account/change-password", Form("not my password at all", NewPassword, NewPassword))).ReadDocumentAsync();

        Assert.Equal("Enter your current password.", missing.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent);
        Assert.Equal("That is not your current password.", wrong.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent);
        Assert.Null(wrong.QuerySelector("#Input_NewPassword")!.GetAttribute("value") is { Length: > 0 } ? "echoed" : null);
        using var again = fixture.CreateClient();
        await again.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
    }

    [Fact]
    public async Task A_new_password_must_meet_the_policy_and_be_typed_twice_alike()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var tooShort = await (await agent.SubmitAsync("/account/change-password", Form(WebFixture.AgentPassword, "short", "short"))).ReadDocumentAsync();
        var mismatch = await (await agent.SubmitAsync("/account/change-password", Form(WebFixture.AgentPassword, NewPassword, NewPassword + "x"))).ReadDocumentAsync();

        Assert.Contains("12", tooShort.QuerySelector("[data-valmsg-for='Input.NewPassword']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The two new passwords do not match.", mismatch.QuerySelector("[data-valmsg-for='Input.ConfirmNewPassword']")!.TextContent);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_signs_out_every_other()
    {
        using var here = fixture.CreateClient();
        using var elsewhere = fixture.CreateClient();
        await here.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        await elsewhere.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var response = await here.SubmitAsync("/account/change-password", Form(WebFixture.AgentPassword, NewPassword, NewPassword));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(new Uri("/cases/log", UriKind.Relative))).StatusCode);
        var other = await elsewhere.GetAsync(new Uri("/cases/log", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/account/sign-in", other.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        using var fresh = fixture.CreateClient();
        await fresh.SignInAsync(WebFixture.AgentEmail, NewPassword);
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var anonymous = fixture.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/account/change-password", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Failed_current_password_checks_did_not_count_toward_lockout (issue 12, item 3).</summary>
    [Fact]
    public async Task Five_wrong_current_passwords_lock_the_account_like_five_wrong_sign_ins()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        for (var i = 0; i < 5; i++)
        {
            await agent.SubmitAsync("/account/change-password", Form($"a guess at it {i}", NewPassword, NewPassword));
        }

        // Locked now: even the right current password changes nothing, and signing in elsewhere is refused.
        var locked = await (await agent.SubmitAsync("/account/change-password", Form(WebFixture.AgentPassword, NewPassword, NewPassword))).ReadDocumentAsync();
        Assert.Contains("locked", locked.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.True(await db.Users.Where(u => u.Email == WebFixture.AgentEmail).Select(u => u.LockoutEnd).SingleAsync() > DateTimeOffset.UtcNow.AddMinutes(10));
        using var elsewhere = fixture.CreateClient();
        var signIn = await elsewhere.SubmitAsync("/account/sign-in", [new("Input.Email", WebFixture.AgentEmail), new("Input.Password", WebFixture.AgentPassword)]);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}

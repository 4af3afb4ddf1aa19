using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Application.Features.Staff;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// There_was_no_way_to_reset_a_forgotten_password (issue 12, item 11): "forgot password" sends a
/// signed, expiring, single-use link through the outbox, built from HelpDesk:PublicBaseUrl, and never
/// says whether an account exists.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class PasswordResetPageTests(WebFixture fixture) : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://helpdesk.example.test";
    private const string NewPassword = "a password chosen after forgetting";
    private HelpDeskApp _app = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var gone = await scope.ServiceProvider.GetRequiredService<DatabaseSeeder>().EnsureStaffAsync("gone@example.test", "Gabe Gone", "gone but not forgotten", StaffRoles.Agent);
        await using var db = fixture.CreateDbContext();
        await db.Users.Where(u => u.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        _app = StartApp("01:00:00");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private HelpDeskApp StartApp(string linkLifetime)
    {
        var app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:PublicBaseUrl"] = PublicBaseUrl,
            ["HelpDesk:Security:PasswordResetLinkLifetime"] = linkLifetime,
        });
        app.StartServer();
        return app;
    }

    private static async Task<HttpResponseMessage> AskAsync(HttpClient client, string email) =>
        await client.SubmitAsync("/account/forgot-password", [new("Input.Email", email)]);

    /// <summary>The link the email holds, pointed at the test host instead of the public address.</summary>
    private async Task<string> EmailedLinkAsync()
    {
        await using var db = fixture.CreateDbContext();
        var message = await db.OutboxMessages.SingleAsync(m => m.TemplateKey == TemplateKeys.PasswordReset);
        Assert.Equal(WebFixture.AgentEmail, message.RecipientAddress);
        var link = ResetLink().Match(message.TextBody).Value;
        Assert.StartsWith(PublicBaseUrl + "/account/reset-password?user=", link, StringComparison.Ordinal);
        return link[PublicBaseUrl.Length..];
    }

    [GeneratedRegex(@"https://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();

    [Fact]
    public async Task Asking_for_a_link_answers_alike_for_an_unknown_a_deactivated_and_a_real_account()
    {
        using var client = fixture.CreateClient(_app);

        var answers = new List<string>();
        foreach (var email in new[] { "nobody@example.test", "gone@example.test", WebFixture.AgentEmail })
        {
            var response = await AskAsync(client, email);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/forgot-password", response.Headers.Location!.OriginalString);
            var page = await client.GetPageAsync("/account/forgot-password");
            Assert.Equal(HelpDesk.Web.Pages.Account.ForgotPasswordModel.Sent, page.QuerySelector(".confirmation")?.TextContent);
            answers.Add(AntiForgeryValue().Replace(page.DocumentElement.OuterHtml, ""));
        }

        Assert.Single(answers.Distinct());
        await using var db = fixture.CreateDbContext();
        Assert.Equal(1, await db.OutboxMessages.CountAsync());
        await EmailedLinkAsync();
        var malformed = await (await AskAsync(client, "not an email")).ReadDocumentAsync();
        Assert.Equal("Enter an email address like name@example.com.", malformed.QuerySelector("[data-valmsg-for='Input.Email']")?.TextContent);
    }

    [GeneratedRegex("value=\"[^\"]{40,}\"")]
    private static partial Regex AntiForgeryValue();

    [Fact]
    public async Task The_emailed_link_sets_a_new_password_once_and_then_no_longer_works()
    {
        using var client = fixture.CreateClient(_app);
        await AskAsync(client, WebFixture.AgentEmail.ToUpperInvariant());
        var link = await EmailedLinkAsync();

        var form = await client.GetPageAsync(link);
        Assert.Null(form.QuerySelector("[data-testid=reset-link-unusable]"));
        var mismatch = await (await client.SubmitAsync(link, [new("Input.NewPassword", NewPassword), new("Input.ConfirmNewPassword", "something else")])).ReadDocumentAsync();
        Assert.Equal("The two new passwords do not match.", mismatch.QuerySelector("[data-valmsg-for='Input.ConfirmNewPassword']")?.TextContent);
        var set = await client.SubmitAsync(link, [new("Input.NewPassword", NewPassword), new("Input.ConfirmNewPassword", NewPassword)]);

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/account/sign-in", set.Headers.Location!.OriginalString);
        using var signIn = fixture.CreateClient(_app);
        await signIn.SignInAsync(WebFixture.AgentEmail, NewPassword);
        var old = await signIn.SubmitAsync("/account/sign-in", [new("Input.Email", WebFixture.AgentEmail), new("Input.Password", WebFixture.AgentPassword)]);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);

        // Spent: the reset changed the security stamp the token is bound to.
        var again = await client.GetPageAsync(link);
        Assert.Equal(ResetStaffPassword.BadLink, again.QuerySelector("[data-testid=reset-link-unusable]")?.TextContent);
        using var content = new FormUrlEncodedContent([new("Input.NewPassword", "yet another new password"), new("Input.ConfirmNewPassword", "yet another new password"), new("__RequestVerificationToken", form.AntiForgeryToken())]);
        var replay = await (await client.PostAsync(new Uri(link, UriKind.Relative), content)).ReadDocumentAsync();
        Assert.NotNull(replay.QuerySelector("[data-testid=reset-link-unusable]"));
        await signIn.SignInAsync(WebFixture.AgentEmail, NewPassword);
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_changes_nothing()
    {
        await using var shortLived = StartApp("00:00:02");
        using var client = fixture.CreateClient(shortLived);
        await AskAsync(client, WebFixture.AgentEmail);
        var link = await EmailedLinkAsync();
        var form = await client.GetPageAsync(link);
        var token = form.AntiForgeryToken();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await client.GetPageAsync(link)).QuerySelector("[data-testid=reset-link-unusable]") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The link never expired.");
            await Task.Delay(250);
        }

        using var content = new FormUrlEncodedContent([new("Input.NewPassword", NewPassword), new("Input.ConfirmNewPassword", NewPassword), new("__RequestVerificationToken", token)]);
        var post = await (await client.PostAsync(new Uri(link, UriKind.Relative), content)).ReadDocumentAsync();
        Assert.Equal(ResetStaffPassword.BadLink, post.QuerySelector("[data-testid=reset-link-unusable]")?.TextContent);
        using var signIn = fixture.CreateClient(shortLived);
        await signIn.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
    }
}

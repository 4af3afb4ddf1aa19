using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Sign-in and sessions on the real host: lockout under a parallel attack, no account enumeration, fresh cookies, sessions ended by the security stamp.</summary>
[Collection(WebCollection.Name)]
public sealed partial class SignInSecurityTests(WebFixture fixture) : IAsyncLifetime
{
    private const string SessionCookie = "helpdesk.session";
    private const string DeactivatedEmail = "gone@example.test";
    private const string DeactivatedPassword = "gone but not forgotten";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        var gone = await seeder.EnsureStaffAsync(DeactivatedEmail, "Gabe Gone", DeactivatedPassword, StaffRoles.Agent);
        await using var db = fixture.CreateDbContext();
        await db.Users.Where(u => u.Id == gone.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static Task<HttpResponseMessage> PostSignInAsync(HttpClient client, string token, string email, string password)
    {
        var content = new FormUrlEncodedContent([new("Input.Email", email), new("Input.Password", password), new("__RequestVerificationToken", token)]);
        return client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content);
    }

    private static string? CookieValue(CookieContainer cookies, Uri address) =>
        cookies.GetCookies(address).FirstOrDefault(c => c.Name == SessionCookie)?.Value;

    [Fact]
    public async Task Two_hundred_wrong_passwords_in_parallel_lock_the_account_so_the_right_one_then_fails()
    {
        using var attacker = fixture.CreateClient();
        var token = (await attacker.GetPageAsync("/account/sign-in")).AntiForgeryToken();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => PostSignInAsync(attacker, token, WebFixture.AgentEmail, $"wrong guess {i}")));
        Assert.All(attempts, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));

        var right = await PostSignInAsync(attacker, token, WebFixture.AgentEmail, WebFixture.AgentPassword);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("do not match an active account", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        var agent = await db.Users.SingleAsync(u => u.Email == WebFixture.AgentEmail);
        Assert.True(agent.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task Five_wrong_passwords_in_a_row_lock_the_account()
    {
        using var client = fixture.CreateClient();
        var token = (await client.GetPageAsync("/account/sign-in")).AntiForgeryToken();
        for (var i = 0; i < 5; i++)
        {
            await PostSignInAsync(client, token, WebFixture.AgentEmail, "not the password");
        }

        var right = await PostSignInAsync(client, token, WebFixture.AgentEmail, WebFixture.AgentPassword);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Four_wrong_passwords_then_the_right_one_signs_in()
    {
        using var client = fixture.CreateClient();
        var token = (await client.GetPageAsync("/account/sign-in")).AntiForgeryToken();
        for (var i = 0; i < 4; i++)
        {
            await PostSignInAsync(client, token, WebFixture.AgentEmail, "not the password");
        }

        var right = await PostSignInAsync(client, token, WebFixture.AgentEmail, WebFixture.AgentPassword);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
    }

    /// <summary>The page with what differs per request (the anti-forgery token) and the echoed email taken out.</summary>
    private static async Task<string> NormalisedAsync(HttpResponseMessage response, string email)
    {
        var html = await response.Content.ReadAsStringAsync();
        html = AntiForgeryValue().Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"\"");
        return html.Replace(email, "EMAIL", StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex AntiForgeryValue();

    [Fact]
    public async Task Unknown_deactivated_and_wrong_password_sign_ins_get_identical_responses()
    {
        using var client = fixture.CreateClient();
        var token = (await client.GetPageAsync("/account/sign-in")).AntiForgeryToken();

        var unknown = await PostSignInAsync(client, token, "nobody@example.test", "whatever password");
        var deactivated = await PostSignInAsync(client, token, DeactivatedEmail, DeactivatedPassword);
        var wrong = await PostSignInAsync(client, token, WebFixture.AgentEmail, "whatever password");

        Assert.All([unknown, deactivated, wrong], r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All([unknown, deactivated, wrong], r => Assert.False(r.Headers.Contains("Set-Cookie") && r.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(SessionCookie, StringComparison.Ordinal))));
        var expected = await NormalisedAsync(unknown, "nobody@example.test");
        Assert.Contains("do not match an active account", expected, StringComparison.Ordinal);
        Assert.Equal(expected, await NormalisedAsync(deactivated, DeactivatedEmail));
        Assert.Equal(expected, await NormalisedAsync(wrong, WebFixture.AgentEmail));
    }

    [Fact]
    public async Task Signing_in_issues_a_new_session_cookie_replacing_any_the_browser_brought()
    {
        var cookies = new CookieContainer();
        using var client = fixture.CreateClient(cookies: cookies);
        var address = fixture.App.BaseAddress;
        cookies.Add(address, new Cookie(SessionCookie, "planted-by-an-attacker"));

        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var first = CookieValue(cookies, address);
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var second = CookieValue(cookies, address);

        Assert.NotNull(first);
        Assert.NotEqual("planted-by-an-attacker", first);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/cases/log", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_users_existing_session_is_rejected_at_its_next_request()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync(new Uri("/cases/log", UriKind.Relative))).StatusCode);
        using var admin = fixture.CreateClient();
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        await using var db = fixture.CreateDbContext();
        var agentId = await db.Users.Where(u => u.Email == WebFixture.AgentEmail).Select(u => u.Id).SingleAsync();

        var deactivate = await admin.SubmitAsync("/admin/staff?handler=Deactivate", [new("userId", agentId)]);
        Assert.Equal(HttpStatusCode.Redirect, deactivate.StatusCode);

        var next = await agent.GetAsync(new Uri("/cases/log", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/sign-in", next.Headers.Location!.AbsolutePath, StringComparison.OrdinalIgnoreCase);
        var again = await agent.SubmitAsync("/account/sign-in", [new("Input.Email", WebFixture.AgentEmail), new("Input.Password", WebFixture.AgentPassword)]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_reactivated_user_signs_in_again_with_their_password()
    {
        using var admin = fixture.CreateClient();
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);
        await using var db = fixture.CreateDbContext();
        var goneId = await db.Users.Where(u => u.Email == DeactivatedEmail).Select(u => u.Id).SingleAsync();

        await admin.SubmitAsync("/admin/staff?handler=Reactivate", [new("userId", goneId)]);

        using var returning = fixture.CreateClient();
        await returning.SignInAsync(DeactivatedEmail, DeactivatedPassword);
    }

    /// <summary>
    /// A_locked_account_answers_faster_than_an_unknown_email (issue 12, item 3): the four ways a sign-in
    /// fails are timed in turn, 80 each (at least the issue's 50) after a warm-up, in a new order every
    /// round, and their medians must lie within 20 % of each
    /// other, so the time taken tells nobody which of them happened. On a host hashing at Identity's
    /// production strength (100,000 PBKDF2 iterations), as the accounts it times are hashed: the
    /// shared host's cheap hashing would leave the test timing database noise instead.
    /// </summary>
    [Fact]
    public async Task A_locked_account_answers_as_slowly_as_an_unknown_email_a_wrong_password_and_a_deactivated_account()
    {
        const int WarmUp = 5;
        const int Measured = 80;
        await using var app = new HelpDeskApp(fixture.ConnectionString) { PasswordHashIterations = new PasswordHasherOptions().IterationCount };
        app.StartServer();
        const string Password = "the right password here";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
            foreach (var email in new[] { "timed.wrong@example.test", "timed.gone@example.test", "timed.locked@example.test" })
            {
                await seeder.EnsureStaffAsync(email, "Timed Account", Password, StaffRoles.Agent);
            }
        }

        await using var db = fixture.CreateDbContext();
        await db.Users.Where(u => u.Email == "timed.gone@example.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false));
        await db.Users.Where(u => u.Email == "timed.locked@example.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddDays(1)));
        using var client = fixture.CreateClient(app);
        var token = (await client.GetPageAsync("/account/sign-in")).AntiForgeryToken();
        (string Outcome, string Email, string Password)[] tries =
        [
            ("unknown email", "nobody@example.test", Password),
            ("wrong password", "timed.wrong@example.test", "not the right password"),
            ("deactivated", "timed.gone@example.test", Password),
            ("locked", "timed.locked@example.test", Password),
        ];
        var times = tries.ToDictionary(t => t.Outcome, _ => new List<double>());
        // Each round tries the four in a new order, so a burst of other work on the machine (another test
        // assembly runs beside this one) cannot fall on the same outcome round after round.
        var order = new Random(2026);

        for (var round = 0; round < WarmUp + Measured; round++)
        {
            order.Shuffle(tries);
            foreach (var (outcome, email, password) in tries)
            {
                // Keep the wrong passwords from locking the account, so each stays a plain wrong password.
                await db.Users.Where(u => u.Email == "timed.wrong@example.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0));
                var watch = Stopwatch.StartNew();
                using var response = await PostSignInAsync(client, token, email, password);
                watch.Stop();
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                if (round >= WarmUp)
                {
                    times[outcome].Add(watch.Elapsed.TotalMilliseconds);
                }
            }
        }

        var medians = times.ToDictionary(t => t.Key, t => Median(t.Value));
        var report = string.Join(", ", medians.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:F2} ms")));
        Assert.All(times.Values, t => Assert.Equal(Measured, t.Count));
        Assert.True(medians.Values.Max() <= medians.Values.Min() * 1.2, "Medians differ by more than 20 %: " + report);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Sign_in_attempts_were_not_limited_per_client_address (issue 12, item 3).</summary>
    [Fact]
    public async Task Sign_in_attempts_are_limited_per_client_address_however_the_path_is_spelled()
    {
        await using var app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:SignIn:PermitLimit"] = "3",
            ["HelpDesk:SignIn:WindowSeconds"] = "300",
        });
        app.StartServer();
        using var client = fixture.CreateClient(app);
        var token = (await client.GetPageAsync("/account/sign-in")).AntiForgeryToken();

        foreach (var path in new[] { "/account/sign-in", "/account/SIGN-IN", "/Account/Sign-In/" })
        {
            using var content = new FormUrlEncodedContent([new("Input.Email", "nobody@example.test"), new("Input.Password", "a guess"), new("__RequestVerificationToken", token)]);
            using var allowed = await client.PostAsync(new Uri(path, UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await PostSignInAsync(client, token, WebFixture.AgentEmail, WebFixture.AgentPassword);
        using var respelled = await client.PostAsync(new Uri("/account/SIGN-IN/", UriKind.Relative), new FormUrlEncodedContent([new("Input.Email", WebFixture.AgentEmail), new("Input.Password", WebFixture.AgentPassword), new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, respelled.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(300));
        // Reading the form is never refused, and the limit is the sign-in form's alone.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/policy", UriKind.Relative))).StatusCode);
    }
}

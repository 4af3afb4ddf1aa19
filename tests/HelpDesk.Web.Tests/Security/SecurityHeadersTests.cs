using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace HelpDesk.Web.Tests.Security;

[Collection(WebCollection.Name)]
public sealed partial class SecurityHeadersTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/account/sign-in", false)]
    [InlineData("/cases/log", true)]
    [InlineData("/cases", true)]
    [InlineData("/cases/search?q=boiler", true)]
    [InlineData("/no/such/page", true)]
    [InlineData("/health/live", false)]
    public async Task Every_response_carries_the_security_headers(string url, bool signedIn)
    {
        using var client = fixture.CreateClient();
        if (signedIn)
        {
            await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        }

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        var csp = Header(response, "Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        Assert.Contains("script-src 'self'", directives);
        Assert.Contains("style-src 'self'", directives);
        Assert.Contains("object-src 'none'", directives);
        Assert.Contains("frame-ancestors 'none'", directives);
        Assert.Contains("base-uri 'self'", directives);
        Assert.Contains("form-action 'self'", directives);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("/account/sign-in", false)]
    [InlineData("/", true)]
    [InlineData("/cases/log", true)]
    [InlineData("/cases", true)]
    [InlineData("/cases/search?q=nothing-matches-this", true)]
    [InlineData("/cases/find?reference=HD-2026-000001-A", true)]
    public async Task Pages_have_no_inline_script_or_style_that_the_policy_would_block(string url, bool signedIn)
    {
        using var client = fixture.CreateClient();
        if (signedIn)
        {
            await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        }

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();

        Assert.All(page.QuerySelectorAll("script"), script => Assert.False(string.IsNullOrEmpty(script.GetAttribute("src")), "inline <script>"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.Empty(page.QuerySelectorAll("[style]"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => EventHandlerAttribute().IsMatch(a.Name));
    }

    /// <summary>Hsts_and_a_secure_anti_forgery_cookie_were_missing_over_https (issue 12, item 11).</summary>
    [Fact]
    public async Task Over_https_responses_carry_hsts_and_the_anti_forgery_and_session_cookies_are_secure()
    {
        using var certificate = SelfSignedLoopbackCertificate();
        await using var app = new HelpDeskApp(fixture.ConnectionString) { HttpsCertificate = certificate };
        app.StartServer();
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = app.BaseAddress };
        Assert.Equal(Uri.UriSchemeHttps, app.BaseAddress.Scheme);

        var form = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));
        var token = (await form.ReadDocumentAsync()).AntiForgeryToken();
        using var content = new FormUrlEncodedContent([new("Input.Email", WebFixture.AgentEmail), new("Input.Password", WebFixture.AgentPassword), new("__RequestVerificationToken", token)]);
        var signedIn = await client.PostAsync(new Uri("/account/sign-in", UriKind.Relative), content);

        Assert.Equal("max-age=31536000", Header(form, "Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", Header(signedIn, "Strict-Transport-Security"));
        var antiForgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiForgery.Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("helpdesk.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session.Split(';', StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_there_is_no_hsts_header()
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync(new Uri("/account/sign-in", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Admin_pages_showing_messages_and_change_history_could_be_cached (issue 12, item 11).</summary>
    [Theory]
    [InlineData("/admin/messages/outbox")]
    [InlineData("/admin/messages/templates")]
    [InlineData("/admin/changes")]
    [InlineData("/admin/staff")]
    public async Task Admin_pages_showing_messages_and_change_history_are_never_stored_by_a_cache(string url)
    {
        using var admin = fixture.CreateClient();
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var response = await admin.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url} answers Cache-Control: {response.Headers.CacheControl}");
    }

    /// <summary>
    /// No-store is one convention over one list of folders and pages (Hosting/NoStoreFilter.cs), not a
    /// [ResponseCache] here and a folder convention there: the pages that were marked one way or the other
    /// are all still no-store. (Pages outside the list with a form are no-store too: anti-forgery says so.)
    /// </summary>
    [Theory]
    [InlineData("/dashboard")]
    [InlineData("/dashboard/kpis")]
    [InlineData("/dashboard/agents")]
    [InlineData("/dashboard/reviews")]
    [InlineData("/cases")]
    [InlineData("/cases/log")]
    [InlineData("/admin/departments")]
    [InlineData("/suggestions")]
    [InlineData("/complaints/new")]
    [InlineData("/error/404")]
    public async Task No_store_is_applied_by_one_convention_to_exactly_the_same_pages(string url)
    {
        using var admin = fixture.CreateClient();
        await admin.SignInAsync(WebFixture.AdminEmail, WebFixture.AdminPassword);

        var response = await admin.GetAsync(new Uri(url, UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode || url.StartsWith("/error", StringComparison.Ordinal), $"{url} answered {(int)response.StatusCode}");
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url} answers Cache-Control: {response.Headers.CacheControl}");
    }

    private static X509Certificate2 SelfSignedLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"No {name} header.");

    [GeneratedRegex("^on[a-z]+$")]
    private static partial Regex EventHandlerAttribute();
}

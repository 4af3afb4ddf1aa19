using System.Net;
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

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : throw new Xunit.Sdk.XunitException($"No {name} header.");

    [GeneratedRegex("^on[a-z]+$")]
    private static partial Regex EventHandlerAttribute();
}

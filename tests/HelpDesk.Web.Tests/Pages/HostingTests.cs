using System.Net;

namespace HelpDesk.Web.Tests.Pages;

[Collection(WebCollection.Name)]
public sealed class HostingTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_without_sign_in(string url)
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_form_served_by_one_instance_can_be_posted_to_another()
    {
        // The second instance shares only the database: the Data Protection keys live there.
        await using var second = new HelpDeskApp(fixture.ConnectionString);
        second.StartServer();
        // Cookies are not kept apart by port, so one jar carries the session from one instance to the other.
        var cookies = new CookieContainer();
        using var first = fixture.CreateClient(cookies: cookies);
        using var toSecond = fixture.CreateClient(second, cookies);
        await first.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var token = (await first.GetPageAsync("/cases/log")).AntiForgeryToken();

        var response = await toSecond.PostAsync(
            new Uri("/cases/log", UriKind.Relative),
            new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Subject", "")]));

        // Signed in and the token accepted by the other instance: the form comes back with validation messages.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.NotEmpty(page.QuerySelector("[data-valmsg-for='Input.Subject']")!.TextContent);
    }

    [Fact]
    public async Task An_unknown_address_gets_a_helpful_not_found_page()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);

        var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", (await response.ReadDocumentAsync()).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}

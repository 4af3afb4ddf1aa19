using System.Net;

namespace HelpDesk.Web.Tests.Security;

/// <summary>Signing out with the header's own form ends the session: the next staff page asks to sign in again.</summary>
[Collection(WebCollection.Name)]
public sealed class SignOutTests(WebFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sign_out_with_the_header_form_signs_out()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var page = await client.GetPageAsync("/cases");

        // Post exactly what the header's form holds, as a browser would.
        var form = page.QuerySelector("form.sign-out") ?? throw new InvalidOperationException("The header has no sign-out form.");
        var fields = form.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        Assert.Contains(fields, f => f.Key == "__RequestVerificationToken");
        using var content = new FormUrlEncodedContent(fields);
        using var signedOut = await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("/account/sign-in", signedOut.Headers.Location?.OriginalString);

        using var after = await client.GetAsync(new Uri("/cases", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location?.PathAndQuery ?? after.Headers.Location?.OriginalString, StringComparison.OrdinalIgnoreCase);
    }
}

using System.Net;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// The public forms' rate limits count per form, however its address is spelled: routing matches any
/// case and a trailing slash, so the limit must too, or every spelling is a fresh allowance.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class PublicFormLimitTests(WebFixture fixture) : IAsyncLifetime
{
    private const int PermitLimit = 2;

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string[]> Forms => new()
    {
        { "/complaints/new", ["/Complaints/new", "/COMPLAINTS/NEW", "/complaints/new/", "/Complaints/New/"] },
        { "/status", ["/statuS", "/STATUS/", "/Status", "/status/"] },
        { "/suggestions/new", ["/Suggestions/new", "/SUGGESTIONS/NEW/", "/suggestions/new/"] },
        { "/survey/made-up-token", ["/SURVEY/made-up-token", "/Survey/made-up-token/", "/survey/another-made-up-token"] },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Rate_limits_are_not_bypassed_by_spelling_the_path_differently(string path, string[] spellings)
    {
        await using var app = LimitedApp();
        using var client = fixture.CreateClient(app);
        var token = await UseUpTheAllowanceAsync(client, path);

        var answers = new List<string>();
        foreach (var spelling in spellings)
        {
            using var refused = await PostAsync(client, spelling, token);
            answers.Add($"{spelling} {(int)refused.StatusCode}");
        }

        Assert.Equal(spellings.Select(s => $"{s} 429"), answers);
    }

    public static TheoryData<string> FormPaths => new(Forms.Select(row => (string)row[0]));

    [Theory]
    [MemberData(nameof(FormPaths))]
    public async Task A_429_from_a_public_form_carries_Retry_After(string path)
    {
        await using var app = LimitedApp();
        using var client = fixture.CreateClient(app);
        var token = await UseUpTheAllowanceAsync(client, path);

        using var refused = await PostAsync(client, path, token);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromSeconds(600), $"429 without a Retry-After in seconds ({refused.Headers.RetryAfter}).");
    }

    private HelpDeskApp LimitedApp() => new(fixture.ConnectionString, settings: new Dictionary<string, string?>
    {
        ["HelpDesk:PublicForms:PermitLimit"] = PermitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HelpDesk:PublicForms:WindowSeconds"] = "600",
    });

    /// <summary>Posts the form as often as allowed; returns the anti-forgery token for further posts.</summary>
    private static async Task<string> UseUpTheAllowanceAsync(HttpClient client, string path)
    {
        // Reading is never limited; any form's token is good for every form of the session.
        var token = (await client.GetPageAsync("/complaints/new")).AntiForgeryToken();
        for (var i = 0; i < PermitLimit; i++)
        {
            using var allowed = await PostAsync(client, path, token);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, allowed.StatusCode);
        }

        return token;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string token)
    {
        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }
}

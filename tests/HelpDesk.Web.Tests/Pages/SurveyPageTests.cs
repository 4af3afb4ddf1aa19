using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// The satisfaction survey over the real host: the email reaches an SMTP server with a link that
/// works once, for its own case, until it expires; and what the customer wrote is only ever text.
/// Each test runs its own host with an SMTP server and a clock the test moves.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class SurveyPageTests(WebFixture fixture) : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://helpdesk.example";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly TestSmtpServer _smtp = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private HelpDeskApp _app = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        _smtp.Start();
        _app = StartApp(permitLimit: 1000);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [GeneratedRegex(@"https://helpdesk\.example(?<path>/survey/[A-Za-z0-9_-]+)")]
    private static partial Regex SurveyLink();

    private HelpDeskApp StartApp(int permitLimit)
    {
        var app = new HelpDeskApp(fixture.ConnectionString, _clock, new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
            ["HelpDesk:PublicBaseUrl"] = PublicBaseUrl,
            ["HelpDesk:PublicForms:PermitLimit"] = permitLimit.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:PublicForms:WindowSeconds"] = "60",
        });
        app.StartServer();
        return app;
    }

    /// <summary>An agent logs a case answered at first contact for a customer with an email: the case is resolved and the survey sent.</summary>
    private async Task<string> ResolvedCaseAsync(HttpClient staff, string email = "aisha@example.com")
    {
        await using var db = fixture.CreateDbContext();
        var billingIssues = await db.ComplaintTypes.Where(t => t.Name == "Billing issues").Select(t => t.Id).SingleAsync();
        var response = await staff.SubmitAsync("/cases/log",
        [
            new("Input.ReceivedAt", TimeZoneInfo.ConvertTime(_clock.GetUtcNow().AddMinutes(-30), London).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
            new("Input.Channel", "Phone"),
            new("Input.Kind", "Complaint"),
            new("Input.ComplaintTypeId", billingIssues.ToString(CultureInfo.InvariantCulture)),
            new("Input.Priority", "Normal"),
            new("Input.CustomerName", "Aisha Khan"),
            new("Input.CustomerEmail", email),
            new("Input.CustomerPhone", ""),
            new("Input.CustomerPostalAddress", ""),
            new("Input.Subject", "Charged twice"),
            new("Input.Description", "Twice in October."),
            new("Input.FirstContactAnswer", "Refunded the second charge while she was on the phone."),
            new("Input.FirstContactCommunicatedBy", "Verbal"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private async Task<HttpClient> StaffAsync()
    {
        var staff = fixture.CreateClient(_app);
        await staff.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        return staff;
    }

    /// <summary>The survey link in the <paramref name="count"/>th email to arrive, as a path on this host.</summary>
    private async Task<string> SurveyPathFromEmailAsync(int count = 1, string to = "aisha@example.com")
    {
        var (message, envelope) = (await _smtp.WaitForAsync(count))[count - 1];
        Assert.Equal([to], envelope);
        Assert.StartsWith("How did we do?", message.Subject, StringComparison.Ordinal);
        var link = SurveyLink().Match(message.TextBody ?? "");
        Assert.True(link.Success, "The survey email has no link to the public address: " + message.TextBody);
        return link.Groups["path"].Value;
    }

    private static async Task<HttpResponseMessage> AnswerAsync(HttpClient client, string path, string? csat, string? nps = null, string comment = "")
    {
        var page = await (await client.GetAsync(new Uri(path, UriKind.Relative))).ReadDocumentAsync();
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var fields = new List<KeyValuePair<string, string>> { new("Input.Comment", comment) };
        if (csat is not null)
        {
            fields.Add(new("Input.Csat", csat));
        }

        if (nps is not null)
        {
            fields.Add(new("Input.Nps", nps));
        }

        if (token is not null)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }
        else
        {
            // A page that shows no form (an unusable link) still gets a valid token from a page that does.
            fields.Add(new("__RequestVerificationToken", (await client.GetPageAsync("/status")).AntiForgeryToken()));
        }

        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    private async Task<int> AnswerCountAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.SurveyResponses.CountAsync();
    }

    [Fact]
    public async Task The_survey_email_arrives_with_a_link_that_opens_a_labelled_form_not_stored_by_caches()
    {
        using var staff = await StaffAsync();
        await ResolvedCaseAsync(staff);
        var path = await SurveyPathFromEmailAsync();
        using var customer = fixture.CreateClient(_app);

        var response = await customer.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var page = await response.ReadDocumentAsync();
        Assert.Equal("How did we do?", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(5, page.QuerySelectorAll("input[type=radio][name='Input.Csat']").Length);
        Assert.Equal(11, page.QuerySelectorAll("input[type=radio][name='Input.Nps']").Length);
        foreach (var radio in page.QuerySelectorAll<IHtmlInputElement>("input[type=radio]"))
        {
            Assert.NotNull(page.QuerySelector($"label[for='{radio.Id}']"));
        }

        Assert.NotNull(page.QuerySelector("label[for='Input_Comment']"));
        Assert.NotNull(page.QuerySelector("textarea[name='Input.Comment']"));
    }

    [Fact]
    public async Task An_answer_is_recorded_then_thanked_after_a_redirect_and_staff_see_it_on_the_case()
    {
        using var staff = await StaffAsync();
        var caseUrl = await ResolvedCaseAsync(staff);
        var path = await SurveyPathFromEmailAsync();
        using var customer = fixture.CreateClient(_app);

        var posted = await AnswerAsync(customer, path, "4", "9", "Quick and polite.");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(path, posted.Headers.Location!.OriginalString);
        var thanks = await customer.GetPageAsync(path);
        Assert.Equal("Thank you for your answer", thanks.QuerySelector("[data-testid=survey-answered]")!.TextContent.Trim());
        var casePage = await staff.GetPageAsync(caseUrl);
        Assert.Equal("4 of 5", casePage.QuerySelector("[data-testid=survey-csat]")!.TextContent.Trim());
        Assert.Equal("9 of 10", casePage.QuerySelector("[data-testid=survey-nps]")!.TextContent.Trim());
        Assert.Equal("Quick and polite.", casePage.QuerySelector("[data-testid=survey-comment]")!.TextContent.Trim());
        Assert.Contains("Customer answered the satisfaction survey", casePage.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reused_link_is_refused_without_showing_the_first_answer_and_the_first_answer_stands()
    {
        using var staff = await StaffAsync();
        await ResolvedCaseAsync(staff);
        var path = await SurveyPathFromEmailAsync();
        using (var first = fixture.CreateClient(_app))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(first, path, "5", "10", "A secret first answer.")).StatusCode);
        }

        using var someoneElse = fixture.CreateClient(_app);
        var reopened = await someoneElse.GetPageAsync(path);
        var again = await AnswerAsync(someoneElse, path, "1", "0", "Second try.");

        Assert.Equal("Thank you, we already have your answer", reopened.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(reopened.QuerySelector("form.survey"));
        Assert.DoesNotContain("A secret first answer.", reopened.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Thank you, we already have your answer", (await again.ReadDocumentAsync()).QuerySelector("h1")!.TextContent.Trim());
        await using var db = fixture.CreateDbContext();
        var answer = await db.SurveyResponses.SingleAsync();
        Assert.Equal("A secret first answer.", answer.Comment);
    }

    [Fact]
    public async Task A_forged_link_and_an_altered_link_of_another_case_get_the_same_friendly_404_and_record_nothing()
    {
        using var staff = await StaffAsync();
        await ResolvedCaseAsync(staff, "aisha@example.com");
        await ResolvedCaseAsync(staff, "ben@example.com");
        var first = await SurveyPathFromEmailAsync(1, "aisha@example.com");
        var second = await SurveyPathFromEmailAsync(2, "ben@example.com");
        var at = second.Length - 10;
        var alteredSecond = second[..at] + (second[at] == 'A' ? 'B' : 'A') + second[(at + 1)..];
        // The two tokens spliced: the first case's start with the second's end.
        var spliced = first[..(first.Length / 2)] + second[(second.Length / 2)..];
        var forged = "/survey/CfDJ8" + new string('Q', 120);
        using var customer = fixture.CreateClient(_app);

        var pages = new List<string>();
        foreach (var path in new[] { alteredSecond, spliced, forged, "/survey/x" })
        {
            var response = await customer.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var page = await response.ReadDocumentAsync();
            Assert.Null(page.QuerySelector("form.survey"));
            pages.Add(page.QuerySelector("main")!.InnerHtml);

            var posted = await AnswerAsync(customer, path, "1", "0", "Forged.");
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        Assert.Single(pages.Distinct());
        Assert.Contains("This survey link does not work", pages[0], StringComparison.Ordinal);
        Assert.Equal(0, await AnswerCountAsync());
        // The genuine links still work after all that.
        Assert.Equal(HttpStatusCode.OK, (await customer.GetAsync(new Uri(first, UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task An_expired_link_answers_410_with_a_friendly_page_and_records_nothing()
    {
        using var staff = await StaffAsync();
        await ResolvedCaseAsync(staff);
        var path = await SurveyPathFromEmailAsync();
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        using var customer = fixture.CreateClient(_app);

        var opened = await customer.GetAsync(new Uri(path, UriKind.Relative));
        var posted = await AnswerAsync(customer, path, "5", "10", "Late.");

        Assert.Equal(HttpStatusCode.Gone, opened.StatusCode);
        var page = await opened.ReadDocumentAsync();
        Assert.Equal("This survey link has expired", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("30 days", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Equal(0, await AnswerCountAsync());
    }

    [Fact]
    public async Task A_form_without_satisfaction_comes_back_with_the_message_and_what_was_typed()
    {
        using var staff = await StaffAsync();
        await ResolvedCaseAsync(staff);
        var path = await SurveyPathFromEmailAsync();
        using var customer = fixture.CreateClient(_app);

        var response = await AnswerAsync(customer, path, csat: null, nps: "7", comment: "Kept my words.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("Choose how satisfied you are, from 1 to 5.", page.QuerySelector("[data-valmsg-for='Input.Csat']")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector<IHtmlInputElement>("#nps-7")!.IsChecked);
        Assert.Equal("Kept my words.", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Comment']")!.Value);
        Assert.Equal(0, await AnswerCountAsync());
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused()
    {
        using var staff = await StaffAsync();
        await ResolvedCaseAsync(staff);
        var path = await SurveyPathFromEmailAsync();
        using var customer = fixture.CreateClient(_app);

        using var content = new FormUrlEncodedContent([new("Input.Csat", "5")]);
        var response = await customer.PostAsync(new Uri(path, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await AnswerCountAsync());
    }

    [Fact]
    public async Task Html_and_script_in_the_comment_are_shown_as_text_on_the_staff_case_page()
    {
        const string Hostile = "<script>alert('x')</script><b>bold</b> & <img src=x onerror=alert(1)>";
        using var staff = await StaffAsync();
        var caseUrl = await ResolvedCaseAsync(staff);
        var path = await SurveyPathFromEmailAsync();
        using var customer = fixture.CreateClient(_app);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(customer, path, "2", null, Hostile)).StatusCode);

        var response = await staff.GetAsync(new Uri(caseUrl, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        var comment = page.QuerySelector("[data-testid=survey-comment]")!;
        Assert.Equal(Hostile, comment.TextContent.Trim());
        Assert.Empty(comment.Children);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Equal("Not answered", page.QuerySelector("[data-testid=survey-nps]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Survey_posts_are_limited_per_client_across_all_links()
    {
        await _app.DisposeAsync();
        _app = StartApp(permitLimit: 2);
        using var customer = fixture.CreateClient(_app);

        var statuses = new List<HttpStatusCode>();
        foreach (var madeUp in new[] { "/survey/one", "/survey/two", "/survey/three" })
        {
            statuses.Add((await AnswerAsync(customer, madeUp, "5")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
        // Reading is never limited.
        Assert.Equal(HttpStatusCode.NotFound, (await customer.GetAsync(new Uri("/survey/four", UriKind.Relative))).StatusCode);
    }
}

using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// What the customer reads (the email that reaches the SMTP server, the status page) and the case
/// page's timeline, over HTTP on a host of its own with an SMTP server: staff by first name only,
/// each update as it was when it happened, every time in the desk's local time.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class CustomerWordsPageTests(WebFixture fixture) : IAsyncLifetime
{
    private const string Password = "A long password 1";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private readonly TestSmtpServer _smtp = new();
    private HelpDeskApp _app = null!;
    private int _billing;
    private int _customerService;
    private string _bea = "";

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
            _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
            _customerService = (await seeder.EnsureDepartmentAsync(DatabaseSeeder.DefaultDepartment, CancellationToken.None)).Id;
            _bea = (await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", Password, StaffRoles.Agent, _billing)).Id;
            await seeder.EnsureStaffAsync("sam@example.test", "Sam Supervisor", Password, StaffRoles.Supervisor, _billing);
        }

        _smtp.Start();
        _app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
            ["HelpDesk:PublicForms:PermitLimit"] = "1000",
            ["HelpDesk:PublicForms:WindowSeconds"] = "60",
        });
        _app.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    /// <summary>The case page's steps are a supervisor's to take in full (extending is theirs).</summary>
    private async Task<HttpClient> SupervisorAsync()
    {
        var client = fixture.CreateClient(_app);
        await client.SignInAsync("sam@example.test", Password);
        return client;
    }

    /// <summary>Posts one of the case page's forms as a browser would: its hidden fields and what was typed.</summary>
    private static async Task PostCaseFormAsync(HttpClient client, string caseUrl, string handler, params (string Name, string Value)[] typed)
    {
        var page = await client.GetPageAsync(caseUrl);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.EndsWith($"handler={handler}", StringComparison.Ordinal));
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.AddRange(typed.Select(t => new KeyValuePair<string, string>(t.Name, t.Value)));
        if (handler == "Acknowledge")
        {
            fields.Add(new("Acknowledgement.At", page.QuerySelector<IHtmlInputElement>("input[name='Acknowledgement.At']")!.Value));
            fields.Add(new("Acknowledgement.ExpectedResponseBy", page.QuerySelector<IHtmlInputElement>("input[name='Acknowledgement.ExpectedResponseBy']")!.Value));
        }

        using var content = new FormUrlEncodedContent(fields);
        var response = await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{handler} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<IHtmlDocument> StatusPageAsync(string reference)
    {
        using var customer = fixture.CreateClient(_app);
        var response = await customer.SubmitAsync("/status", [new("Input.Reference", reference), new("Input.Contact", "aisha@example.com")]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocumentAsync();
    }

    [Fact]
    public async Task StatusPage_AcknowledgementStillNamesTheDepartmentOfTheTime_AfterReferral()
    {
        using var staff = await SupervisorAsync();
        var caseUrl = await staff.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        await PostCaseFormAsync(staff, caseUrl, "Acknowledge", ("Acknowledgement.Method", "Verbal"), ("Acknowledgement.DepartmentId", Id(_customerService)));

        await PostCaseFormAsync(staff, caseUrl, "Refer", ("Referral.DepartmentId", Id(_billing)), ("Referral.AssigneeId", _bea), ("Referral.Reason", "A billing matter."));

        var page = await StatusPageAsync(caseUrl["/cases/".Length..]);
        var updates = page.QuerySelectorAll("ol.timeline li").Select(li => li.TextContent).ToList();
        Assert.Contains(updates, u => u.EndsWith("We acknowledged your complaint and passed it to Customer Service.", StringComparison.Ordinal));
        Assert.DoesNotContain(updates, u => u.Contains("passed it to Bea", StringComparison.Ordinal) || u.Contains("passed it to Billing", StringComparison.Ordinal));
        Assert.Equal("Bea in Billing", page.QuerySelector("#status-department")!.TextContent);
        Assert.DoesNotContain("Biller", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolutionEmail_SignsWithFirstNameOnly()
    {
        using var staff = await SupervisorAsync();
        var caseUrl = await staff.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");
        await PostCaseFormAsync(staff, caseUrl, "Acknowledge", ("Acknowledgement.Method", "Verbal"), ("Acknowledgement.DepartmentId", Id(_billing)), ("Acknowledgement.AssigneeId", _bea));

        await PostCaseFormAsync(staff, caseUrl, "Resolve",
            ("Resolution.Outcome", "Resolved"), ("Resolution.Analysis", "Duplicate debit."), ("Resolution.Response", "We refunded the second charge."), ("Resolution.CommunicatedBy", "Email"));

        var (resolution, to) = Assert.Single(await _smtp.WaitForAsync(m => (m.Subject ?? "").StartsWith("Our response", StringComparison.Ordinal), "with the response"));
        Assert.Equal(["aisha@example.com"], to);
        var text = (resolution.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("Kind regards,\nBea\nBilling", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Biller", text + resolution.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_TimelineShowsTimesInTheDesksLocalTime_NotRawUtc()
    {
        using var staff = await SupervisorAsync();
        var caseUrl = await staff.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com");

        // 10:00 in London on 1 July is 09:00 UTC (summer time): the page must say 10:00.
        await PostCaseFormAsync(staff, caseUrl, "Extend", ("Extension.NewDate", "2027-07-01T10:00"), ("Extension.Reason", "The bank is slow."), ("Extension.ToldBy", "Verbal"));

        var page = await staff.GetPageAsync(caseUrl);
        var extended = page.QuerySelector("[data-testid=timeline] li[data-event-type=Extended] .summary")!.TextContent;
        Assert.Contains("to Thu 1 Jul 2027, 10:00", extended, StringComparison.Ordinal);
        Assert.DoesNotContain("T09:00Z", page.QuerySelector("[data-testid=timeline]")!.TextContent, StringComparison.Ordinal);
        var status = await StatusPageAsync(caseUrl["/cases/".Length..]);
        Assert.Contains(status.QuerySelectorAll("ol.timeline li"), li => li.TextContent.EndsWith("you can now expect our response by 1 July 2027.", StringComparison.Ordinal));
    }
}

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

/// <summary>The customer's acknowledgement from the case page: an email that really reaches an SMTP server, or a letter to print.</summary>
[Collection(WebCollection.Name)]
public sealed class CaseMessagesPageTests(WebFixture fixture) : IAsyncLifetime
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private int _billing;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        _billing = (await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None)).Id;
        await seeder.EnsureStaffAsync("bea@example.test", "Bea Biller", "A long password 1", StaffRoles.Agent, _billing);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Posts the page's acknowledgement form as a browser would, with its hidden fields and the method chosen.</summary>
    private async Task<HttpResponseMessage> AcknowledgeAsync(HttpClient client, string caseUrl, string method)
    {
        var page = await client.GetPageAsync(caseUrl);
        var form = page.QuerySelectorAll<IHtmlFormElement>("form").Single(f => f.GetAttribute("action")!.EndsWith("handler=Acknowledge", StringComparison.Ordinal));
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.Name!, i.Value)).ToList();
        fields.Add(new("Acknowledgement.At", page.QuerySelector<IHtmlInputElement>("input[name='Acknowledgement.At']")!.Value));
        fields.Add(new("Acknowledgement.Method", method));
        fields.Add(new("Acknowledgement.DepartmentId", _billing.ToString(CultureInfo.InvariantCulture)));
        fields.Add(new("Acknowledgement.ExpectedResponseBy", page.QuerySelector<IHtmlInputElement>("input[name='Acknowledgement.ExpectedResponseBy']")!.Value));
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content);
    }

    [Fact]
    public async Task Acknowledging_by_email_sends_the_acknowledgement_through_the_hosts_smtp_server_with_the_reference()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        await using var sending = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
        });
        sending.StartServer();
        using var client = fixture.CreateClient(sending);
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com", null);
        var reference = caseUrl["/cases/".Length..];

        var response = await AcknowledgeAsync(client, caseUrl, "Email");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await smtp.WaitForAsync(1);
        var (message, envelope) = Assert.Single(await smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext));
        Assert.Equal(["aisha@example.com"], envelope);
        Assert.Contains(reference, message.Subject, StringComparison.Ordinal);
        Assert.Contains(reference, message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Aisha Khan", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Billing", message.TextBody, StringComparison.Ordinal);
        var page = await client.GetPageAsync(caseUrl);
        Assert.Contains("Acknowledgement email queued to the customer", page.QuerySelector(".timeline")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledging_by_email_without_a_customer_email_shows_the_message_beside_the_method_and_stores_nothing()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.Phone, null, null, phone: "+44 20 7946 0958");

        var response = await AcknowledgeAsync(client, caseUrl, "Email");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocumentAsync();
        Assert.Contains("no customer email address", page.QuerySelector("[data-valmsg-for='Acknowledgement.Method']")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.CreateDbContext();
        Assert.Equal(CaseStatus.Logged, (await db.Complaints.SingleAsync()).Status);
        Assert.Empty(await db.OutboxMessages.ToListAsync());
    }

    [Fact]
    public async Task A_case_acknowledged_by_post_links_to_its_letter_which_shows_the_template_with_the_customers_address()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.PostalMail, null, "12 High Street\nExampleton\nEX1 2MP");
        var reference = caseUrl["/cases/".Length..];
        await AcknowledgeAsync(client, caseUrl, "Postal");

        var casePage = await client.GetPageAsync(caseUrl);
        var letterUrl = casePage.QuerySelector("[data-testid=letter-link]")!.GetAttribute("href")!;
        var response = await client.GetAsync(new Uri(letterUrl, UriKind.Relative));

        Assert.Equal($"/cases/{reference}/letter", letterUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var page = await response.ReadDocumentAsync();
        var letter = page.QuerySelector("[data-testid=letter]")!.TextContent;
        Assert.StartsWith("Aisha Khan\n12 High Street\nExampleton\nEX1 2MP", letter, StringComparison.Ordinal);
        Assert.Contains($"Reference: {reference}", letter, StringComparison.Ordinal);
        // Nobody named: the department, once (not "referred to Billing in Billing").
        Assert.Contains("Your case has been referred to Billing.", letter, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-testid=no-address]"));
        // No inline script or style: the CSP forbids them, so the page must not need them.
        Assert.Empty(page.QuerySelectorAll("style, script:not([src]), [style]"));
        await using var db = fixture.CreateDbContext();
        Assert.Empty(await db.OutboxMessages.ToListAsync());
    }

    [Fact]
    public async Task The_letter_of_a_case_with_no_postal_address_leaves_the_address_for_staff_to_write_in()
    {
        using var client = fixture.CreateClient();
        await client.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await client.LogBillingComplaintAsync(fixture, Channel.PostalMail, null, null, phone: "01234 567890");
        await AcknowledgeAsync(client, caseUrl, "Postal");

        var page = await client.GetPageAsync(caseUrl + "/letter");

        Assert.NotNull(page.QuerySelector("[data-testid=no-address]"));
        Assert.StartsWith("Aisha Khan\n\n", page.QuerySelector("[data-testid=letter]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_letter_needs_sign_in_and_exists_only_for_a_case_acknowledged_by_post()
    {
        using var agent = fixture.CreateClient();
        await agent.SignInAsync(WebFixture.AgentEmail, WebFixture.AgentPassword);
        var caseUrl = await agent.LogBillingComplaintAsync(fixture, Channel.Email, "aisha@example.com", null);
        using var anonymous = fixture.CreateClient();

        var beforeAcknowledgement = await agent.GetAsync(new Uri(caseUrl + "/letter", UriKind.Relative));
        await AcknowledgeAsync(agent, caseUrl, "Email");
        var acknowledgedByEmail = await agent.GetAsync(new Uri(caseUrl + "/letter", UriKind.Relative));
        var asAnonymous = await anonymous.GetAsync(new Uri(caseUrl + "/letter", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, beforeAcknowledgement.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, acknowledgedByEmail.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, asAnonymous.StatusCode);
        Assert.StartsWith("/account/sign-in", asAnonymous.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        Assert.Null((await agent.GetPageAsync(caseUrl)).QuerySelector("[data-testid=letter-link]"));
    }
}

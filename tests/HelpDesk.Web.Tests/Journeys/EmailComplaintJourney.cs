using System.Globalization;
using HelpDesk.Application.Identity;
using HelpDesk.Application.Persistence.Seeding;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// An email complaint in Chromium, on a host that sends through an in-process SMTP server: logged,
/// acknowledged by email from the template (the email arrives), paused while the customer is asked for
/// something, resumed, extended by a supervisor with the customer told by email, and resolved by
/// email. The timeline shows every step and every email queued.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class EmailComplaintJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string SamEmail = "sam@example.test";
    private const string Password = "A long password 1";
    private const string Customer = "aisha.khan@example.com";
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DatabaseSeeder>();
        var billing = await seeder.EnsureDepartmentAsync("Billing", CancellationToken.None);
        await seeder.EnsureStaffAsync(SamEmail, "Sam Supervisor", Password, StaffRoles.Supervisor, billing.Id);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<IPage> SignInAtAsync(Uri host, string url, string email, string password)
    {
        var page = await Browser.NewPageAsync(host);
        await page.GotoAsync(url);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    private static ILocator Action(IPage page, string name) => page.Locator("details.action > summary", new() { HasText = name });

    private static ILocator Submit(IPage page, string handler) => page.Locator($"form[action$='handler={handler}'] button[type=submit]");

    /// <summary>The message with <paramref name="subjectPart"/> in its subject, once the host's worker has delivered it.</summary>
    private static async Task<MimeMessage> ArrivedAsync(TestSmtpServer smtp, string subjectPart) =>
        Assert.Single(await smtp.WaitForAsync(m => (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal), $"with '{subjectPart}' in its subject")).Message;

    [Fact]
    public async Task An_email_complaint_is_acknowledged_by_email_paused_resumed_extended_and_resolved_by_email_and_the_customer_gets_each_email()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        await using var host = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
        });
        host.StartServer();
        var templates = await SubjectsAsync();

        // The agent logs the email the customer sent.
        var agent = await SignInAtAsync(host.BaseAddress, "/cases/log", WebFixture.AgentEmail, WebFixture.AgentPassword);
        var main = agent.Locator("main");
        await main.GetByLabel("Channel").SelectOptionAsync(new SelectOptionValue { Label = "Email" });
        await main.GetByLabel("Complaint type").SelectOptionAsync(new SelectOptionValue { Label = "Billing issues" });
        await main.GetByLabel("Name", new() { Exact = true }).FillAsync("Aisha Khan");
        await main.GetByLabel("Email", new() { Exact = true }).FillAsync(Customer);
        await main.GetByLabel("Subject").FillAsync("Charged twice for November");
        await main.GetByLabel("Description").FillAsync("My card was charged twice on 3 November.");
        await main.GetByRole(AriaRole.Button, new() { Name = "Log and get reference number" }).ClickAsync();
        await Expect(agent.Locator(".confirmation")).ToContainTextAsync("Give the customer this reference number");
        var caseUrl = new Uri(agent.Url).PathAndQuery;
        var reference = caseUrl["/cases/".Length..];

        // Acknowledged by email, as the policy says for an email: the template's email reaches the customer.
        await Action(agent, "Acknowledge").ClickAsync();
        await Expect(agent.GetByLabel("Acknowledged how", new() { Exact = true })).ToHaveValueAsync("Email");
        // Kept in the agent's own department, so the same agent works it through (an agent acts on their department's cases).
        await agent.GetByLabel("Referred to department").SelectOptionAsync(new SelectOptionValue { Label = "Customer Service" });
        await Submit(agent, "Acknowledge").ClickAsync();
        await Expect(agent.Locator(".confirmation")).ToHaveTextAsync("Acknowledged.");
        var acknowledgement = await ArrivedAsync(smtp, templates[TemplateKeys.AcknowledgementEmail].Replace("{reference}", reference, StringComparison.Ordinal));
        Assert.Equal(Customer, acknowledgement.To.Mailboxes.Single().Address);
        Assert.Equal(templates[TemplateKeys.AcknowledgementEmail].Replace("{reference}", reference, StringComparison.Ordinal), acknowledgement.Subject);
        Assert.Contains("Aisha Khan", acknowledgement.TextBody, StringComparison.Ordinal);
        Assert.Contains("Customer Service", acknowledgement.TextBody, StringComparison.Ordinal);

        // The agent needs the customer's bank statement: the resolution clock pauses, then resumes when it comes.
        await Action(agent, "Wait on the customer").ClickAsync();
        await agent.GetByLabel("What is needed from the customer").FillAsync("A copy of the November bank statement.");
        await Submit(agent, "Wait").ClickAsync();
        await Expect(agent.Locator(".confirmation")).ToContainTextAsync("Waiting on the customer");
        await Expect(agent.GetByTestId("status")).ToHaveTextAsync("Waiting on customer");
        // The customer has an email address, so they are told what is needed (docs/messages.md).
        var request = await ArrivedAsync(smtp, templates[TemplateKeys.WaitingOnCustomer].Replace("{reference}", reference, StringComparison.Ordinal));
        Assert.Contains("A copy of the November bank statement.", request.TextBody, StringComparison.Ordinal);
        await Submit(agent, "Resume").ClickAsync();
        await Expect(agent.Locator(".confirmation")).ToContainTextAsync("Work resumed");

        // The bank is slow: a supervisor extends the deadline and the customer is told by email.
        var supervisor = await SignInAtAsync(host.BaseAddress, caseUrl, SamEmail, Password);
        await Action(supervisor, "Extend the resolution deadline").ClickAsync();
        var newDate = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(40), London);
        await supervisor.GetByLabel("New date the customer can expect a response").FillAsync(newDate.ToString("yyyy-MM-ddT12:00", CultureInfo.InvariantCulture));
        await supervisor.GetByLabel("Why the deadline cannot be met").FillAsync("Our payment provider has not confirmed the duplicate charge yet.");
        await supervisor.GetByLabel("How the customer was told").SelectOptionAsync(new SelectOptionValue { Label = "by email" });
        await Submit(supervisor, "Extend").ClickAsync();
        await Expect(supervisor.Locator(".confirmation")).ToContainTextAsync("Extended");
        var extension = await ArrivedAsync(smtp, templates[TemplateKeys.ExtensionNotice].Replace("{reference}", reference, StringComparison.Ordinal));
        Assert.Contains("Our payment provider has not confirmed the duplicate charge yet.", extension.TextBody, StringComparison.Ordinal);
        Assert.Contains(newDate.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")), extension.TextBody, StringComparison.Ordinal);

        // The agent resolves it and the response goes to the customer by email.
        await agent.ReloadAsync();
        await Action(agent, "Resolve").ClickAsync();
        await agent.GetByLabel("Analysis of the issue").FillAsync("The card payment was taken twice by the provider's retry.");
        await agent.GetByLabel("Proposed resolution, or the reasons it cannot be accommodated").FillAsync("We refunded the second charge; it reaches your account within five working days.");
        await agent.GetByLabel("Told to the customer").SelectOptionAsync(new SelectOptionValue { Label = "by email" });
        await Submit(agent, "Resolve").ClickAsync();
        await Expect(agent.GetByTestId("status")).ToHaveTextAsync("Resolved");
        var resolution = await ArrivedAsync(smtp, templates[TemplateKeys.Resolution].Replace("{reference}", reference, StringComparison.Ordinal));
        Assert.Contains("We refunded the second charge; it reaches your account within five working days.", resolution.TextBody, StringComparison.Ordinal);
        // The customer has an email address, so the satisfaction survey follows the response.
        var survey = await ArrivedAsync(smtp, templates[TemplateKeys.SatisfactionSurvey].Replace("{reference}", reference, StringComparison.Ordinal));
        Assert.Contains("/survey/", survey.TextBody, StringComparison.Ordinal);
        Assert.Equal(5, (await smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext)).Count);

        // The timeline tells the whole story, emails included.
        var timeline = agent.GetByTestId("timeline").Locator("li");
        await Expect(timeline).ToHaveCountAsync(11);
        await Expect(timeline.Nth(0)).ToContainTextAsync("logged from email");
        await Expect(timeline.Nth(1)).ToContainTextAsync("Acknowledged by email; referred to Customer Service");
        await Expect(timeline.Nth(2)).ToContainTextAsync("Acknowledgement email queued to the customer");
        await Expect(timeline.Nth(3)).ToContainTextAsync("Waiting on the customer: A copy of the November bank statement.");
        await Expect(timeline.Nth(4)).ToContainTextAsync("Request for information email queued to the customer");
        await Expect(timeline.Nth(5)).ToContainTextAsync("Customer answered; work resumed");
        await Expect(timeline.Nth(6)).ToContainTextAsync("customer told by email");
        await Expect(timeline.Nth(6)).ToContainTextAsync("Sam Supervisor");
        await Expect(timeline.Nth(7)).ToContainTextAsync("Extension notice email queued to the customer");
        await Expect(timeline.Nth(8)).ToContainTextAsync("Resolved (by email)");
        await Expect(timeline.Nth(9)).ToContainTextAsync("Response email queued to the customer");
        await Expect(timeline.Nth(10)).ToContainTextAsync("Satisfaction survey email queued to the customer");
    }

    /// <summary>The subjects as the templates stand, so the test follows an administrator's wording rather than a copy of it.</summary>
    private async Task<Dictionary<string, string>> SubjectsAsync()
    {
        await using var db = fixture.CreateDbContext();
        var edited = await db.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Key, t => t.Subject);
        return StandardMessages.All.ToDictionary(m => m.Key, m => edited.GetValueOrDefault(m.Key) ?? MessageTemplate.Standard(m).Subject);
    }
}

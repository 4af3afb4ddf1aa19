using System.Globalization;
using System.Text.RegularExpressions;
using HelpDesk.Testing;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// The customer's whole journey, in Chromium with an SMTP server receiving the mail: complain on the
/// web, get the acknowledgement, check the status, (staff resolve by email), answer the survey from
/// the emailed link on a phone-sized screen, and staff read the answer on the case.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class SurveyJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string Customer = "aisha.khan@example.com";
    private const string PublicBaseUrl = "https://helpdesk.example";

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"https://helpdesk\.example(?<path>/survey/[A-Za-z0-9_-]+)")]
    private static partial Regex SurveyLink();

    private static async Task<MimeMessage> ArrivedAsync(TestSmtpServer smtp, string subjectPart)
    {
        var (message, envelope) = Assert.Single(await smtp.WaitForAsync(m => (m.Subject ?? "").Contains(subjectPart, StringComparison.Ordinal), $"with '{subjectPart}' in its subject"));
        Assert.Equal([Customer], envelope);
        return message;
    }

    [Fact]
    public async Task A_customer_complains_checks_the_status_answers_the_survey_after_resolution_and_staff_see_the_answer()
    {
        const string Comment = "Quick & polite. <img src=x onerror=\"window.surveyXss = 1\"><script>window.surveyXss = 2</script>";
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        // Its own host, with an SMTP server and the public address the emailed links are built from.
        await using var app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
            ["HelpDesk:PublicBaseUrl"] = PublicBaseUrl,
        });
        app.StartServer();

        // The customer complains on the web and is acknowledged by email straight away.
        var customer = await Browser.NewPageAsync(app.BaseAddress);
        await customer.SetViewportSizeAsync(375, 740);
        await customer.GotoAsync("/complaints/new");
        await customer.GetByLabel("Your name").FillAsync("Aisha Khan");
        await customer.GetByLabel("Email address").FillAsync(Customer);
        await customer.GetByLabel("What is it about?").SelectOptionAsync(new SelectOptionValue { Label = "Billing issues" });
        await customer.GetByLabel("Subject").FillAsync("Charged twice for October");
        await customer.GetByLabel("What happened?").FillAsync("The October invoice was taken twice.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send my complaint" }).ClickAsync();
        await Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Thank you: we have received your complaint" })).ToBeVisibleAsync();
        var reference = (await customer.Locator("#reference").InnerTextAsync()).Trim();
        var acknowledgement = await ArrivedAsync(smtp, reference);
        Assert.Contains(reference, acknowledgement.TextBody, StringComparison.Ordinal);

        // The customer checks on it.
        await customer.GotoAsync("/status");
        await customer.GetByLabel("Reference number").FillAsync(reference);
        await customer.GetByLabel("Email address or phone number").FillAsync(Customer);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(customer.Locator("#status-words")).ToHaveTextAsync("Received and acknowledged");

        // A member of staff resolves it, telling the customer by email.
        var staff = await Browser.NewPageAsync(app.BaseAddress);
        await staff.GotoAsync($"/cases/{reference}");
        await staff.GetByLabel("Email").FillAsync(WebFixture.AgentEmail);
        await staff.GetByLabel("Password").FillAsync(WebFixture.AgentPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await staff.Locator("details.action > summary", new() { HasText = "Resolve" }).ClickAsync();
        await staff.GetByLabel("Analysis of the issue").FillAsync("The provider retried a payment that had gone through.");
        await staff.GetByLabel("Proposed resolution, or the reasons it cannot be accommodated").FillAsync("We refunded the second charge.");
        await staff.GetByLabel("Told to the customer").SelectOptionAsync(new SelectOptionValue { Label = "by email" });
        await staff.Locator("form[action$='handler=Resolve'] button[type=submit]").ClickAsync();
        await Expect(staff.GetByTestId("status")).ToHaveTextAsync("Resolved");
        await Expect(staff.GetByTestId("survey-answer")).ToHaveCountAsync(0);

        // The survey email arrives with a link to the public address; the customer opens it (on this host).
        var survey = await ArrivedAsync(smtp, "How did we do?");
        Assert.Contains(reference, survey.Subject, StringComparison.Ordinal);
        var link = SurveyLink().Match(survey.TextBody ?? "");
        Assert.True(link.Success, "The survey email has no link: " + survey.TextBody);
        await customer.GotoAsync(link.Groups["path"].Value);
        await Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "How did we do?" })).ToBeVisibleAsync();
        await Expect(customer.Locator("main")).ToContainTextAsync(reference);
        // Phone-sized: nothing runs off the side of the screen.
        Assert.True(await customer.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // Sending without the required answer keeps what was chosen and says what is missing.
        await customer.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).CheckAsync();
        await customer.GetByLabel("Anything else you would like to tell us? (optional)").FillAsync(Comment);
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(customer.Locator("[data-valmsg-for='Input.Csat']")).ToHaveTextAsync("Choose how satisfied you are, from 1 to 5.");
        await Expect(customer.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true })).ToBeCheckedAsync();
        await Expect(customer.GetByLabel("Anything else you would like to tell us? (optional)")).ToHaveValueAsync(Comment);

        await customer.GetByRole(AriaRole.Radio, new() { Name = "4 Satisfied", Exact = true }).CheckAsync();
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your answer" })).ToBeVisibleAsync();

        // Opening the link again: thanked, not shown the answer, no second form.
        await customer.ReloadAsync();
        await Expect(customer.GetByRole(AriaRole.Heading, new() { Name = "Thank you, we already have your answer" })).ToBeVisibleAsync();
        await Expect(customer.Locator("form.survey")).ToHaveCountAsync(0);

        // Staff read the answer on the case, the comment as the customer typed it and nothing of it run.
        await staff.ReloadAsync();
        await Expect(staff.GetByTestId("survey-csat")).ToHaveTextAsync("4 of 5");
        await Expect(staff.GetByTestId("survey-nps")).ToHaveTextAsync("9 of 10");
        await Expect(staff.GetByTestId("survey-comment")).ToHaveTextAsync(Comment);
        await Expect(staff.GetByTestId("survey-comment").Locator("img, script")).ToHaveCountAsync(0);
        Assert.True(await staff.EvaluateAsync<bool>("() => window.surveyXss === undefined"));
        await Expect(staff.GetByTestId("timeline")).ToContainTextAsync("Customer answered the satisfaction survey: satisfaction 4 of 5, likely to recommend 9 of 10");
    }
}

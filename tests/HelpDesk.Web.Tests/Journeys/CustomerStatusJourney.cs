using System.Text.RegularExpressions;
using HelpDesk.Application.Features.Customers;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using HelpDesk.Web.Pages.Public;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace HelpDesk.Web.Tests.Journeys;

/// <summary>
/// Issue 15's journey in Chromium at a phone's width (390 px): a customer's complaint gets a staff
/// reply from the case page; the reply reaches the customer over SMTP with a status link; the customer
/// opens it, sees the reply by the writer's first name, writes back with a file, and the agent's case
/// page shows the message and its file. The home page, the status page and its error states (an empty
/// message, a tampered link, a lookup that finds nothing) pass axe-core's WCAG 2.1 A and AA rules.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class CustomerStatusJourney(WebFixture fixture) : IAsyncLifetime
{
    private const string Customer = "aisha.khan@example.com";

    public Task InitializeAsync() => fixture.ResetWithStaffAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex(@"https?://\S+(/status/link/\S+)")]
    private static partial Regex StatusLinkPattern();

    [Fact]
    public async Task A_customer_opens_the_link_in_the_staff_reply_reads_it_and_writes_back_with_a_file_that_the_case_page_shows()
    {
        await using var smtp = new TestSmtpServer();
        smtp.Start();
        await using var host = new HelpDeskApp(fixture.ConnectionString, settings: smtp.HostSettings("desk@helpdesk.example"));
        host.StartServer();
        string reference;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Application.Persistence.HelpDeskDbContext>();
            var general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
            reference = (await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SubmitComplaint.Command
            {
                CustomerName = "Aisha Khan",
                CustomerEmail = Customer,
                ComplaintTypeId = general,
                Subject = "Boiler not fixed",
                Description = "The engineer never came.",
            })).Reference!;
        }

        // The agent replies from the case page.
        var staff = await Browser.NewPageAsync(host.BaseAddress);
        await staff.GotoAsync($"/cases/{reference}");
        await staff.GetByLabel("Email").FillAsync(WebFixture.AgentEmail);
        await staff.GetByLabel("Password").FillAsync(WebFixture.AgentPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(staff.GetByTestId("reference")).ToHaveTextAsync(reference);
        var composer = staff.Locator("#composer");
        await composer.Locator("summary").ClickAsync();
        await composer.GetByLabel("Email to", new() { Exact = false }).CheckAsync();
        await composer.GetByLabel("Text", new() { Exact = true }).FillAsync("Could you send us a photo of the boiler's label?");
        await composer.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(staff.Locator(".confirmation")).ToHaveTextAsync("Reply emailed to the customer.");

        // The reply reaches the customer with the status link.
        var reply = Assert.Single(await smtp.WaitForAsync(m => m.Headers["X-HelpDesk-Template"] == TemplateKeys.Reply, "from the reply template")).Message;
        var link = StatusLinkPattern().Match(reply.TextBody!).Groups[1].Value;
        Assert.NotEmpty(link);

        // On a phone: the home page, then the link.
        var phone = await Browser.NewPageAsync(host.BaseAddress, width: 390);
        await phone.GotoAsync("/");
        await Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Check a complaint" }).First).ToBeVisibleAsync();
        await phone.AssertWcag21Async();
        await phone.GotoAsync(link);
        await Expect(phone).ToHaveURLAsync(new Regex("/status$"));
        await Expect(phone.GetByTestId("status-reference")).ToHaveTextAsync(reference);
        var messages = phone.GetByTestId("status-conversation").Locator("> li");
        await Expect(messages).ToHaveCountAsync(1);
        await Expect(messages.Nth(0)).ToContainTextAsync("Alex, Customer Service");
        await Expect(messages.Nth(0)).ToContainTextAsync("Could you send us a photo of the boiler's label?");
        await Expect(messages.Nth(0)).Not.ToContainTextAsync("Agent");
        await phone.AssertWcag21Async();

        // An empty message is refused beside its field.
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(phone.Locator("[data-valmsg-for='Message.Text']")).ToHaveTextAsync("Write a message or choose a file to send.");
        await phone.AssertWcag21Async();

        // The customer writes back with a photo.
        await phone.GetByLabel("Your message").FillAsync("Here is the label.");
        await phone.GetByLabel("Files (optional)").SetInputFilesAsync(new FilePayload { Name = "label.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 7, 7, 7] });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Send message" }).ClickAsync();
        await Expect(phone.Locator(".confirmation")).ToHaveTextAsync("Thank you: your message is on your case.");
        await Expect(messages).ToHaveCountAsync(2);
        await Expect(messages.Nth(1)).ToContainTextAsync("Here is the label.");
        await Expect(messages.Nth(1).GetByRole(AriaRole.Link, new() { Name = "label.png (11 bytes)" })).ToBeVisibleAsync();
        var noScroll = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth");
        Assert.True(noScroll, "Nothing on the status page is wider than a 390 px phone.");
        await phone.AssertWcag21Async();

        // The agent's case page shows it, on the status page, with its file.
        await staff.ReloadAsync();
        var conversation = staff.GetByTestId("conversation").Locator("> li");
        await Expect(conversation).ToHaveCountAsync(2);
        await Expect(conversation.Nth(1)).ToContainTextAsync("on the status page");
        await Expect(conversation.Nth(1).Locator(".message-text")).ToHaveTextAsync("Here is the label.");
        await Expect(conversation.Nth(1)).ToContainTextAsync("label.png");
        await Expect(staff.GetByTestId("timeline")).ToContainTextAsync("The customer wrote on the status page");

        // The error states: a tampered link, and a lookup that finds nothing.
        var stranger = await Browser.NewPageAsync(host.BaseAddress, width: 390);
        await stranger.GotoAsync(link[..^4] + "AAAA");
        await Expect(stranger.GetByTestId("status-notice")).ToHaveTextAsync(StatusModel.LinkNotValidMessage);
        await stranger.AssertWcag21Async();
        await stranger.GetByLabel("Reference number").FillAsync(reference);
        await stranger.GetByLabel("Email address or phone number").FillAsync("someone@example.net");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(stranger.Locator(".error-summary").First).ToContainTextAsync(StatusModel.NotFoundMessage);
        await stranger.AssertWcag21Async();
        await stranger.GetByLabel("Reference number").FillAsync("HD-2026-000001-Z");
        await stranger.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Expect(stranger.Locator("[data-valmsg-for='Input.Reference']")).Not.ToBeEmptyAsync();
        await stranger.AssertWcag21Async();
    }
}

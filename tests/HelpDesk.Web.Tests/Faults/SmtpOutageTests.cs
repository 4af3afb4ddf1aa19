using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Faults;

/// <summary>
/// Issue 6's fault test: the SMTP server is down (nothing listens on its port) while 50 customers
/// make complaints on the public form; it comes back, and exactly 50 acknowledgements arrive, one
/// for each reference, none twice. The outbox retries quickly here (100 ms, at most 1 s apart) so
/// the test takes seconds; in production the same schedule runs at its configured pace.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class SmtpOutageTests(WebFixture fixture) : IAsyncLifetime
{
    private const int Complaints = 50;

    // Constructed but not started: its port is free and nothing answers on it until Start().
    private readonly TestSmtpServer _smtp = new();
    private HelpDeskApp _app = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithStaffAsync();
        _app = new HelpDeskApp(fixture.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@helpdesk.example",
            ["HelpDesk:Smtp:Timeout"] = "00:00:05",
            ["HelpDesk:Outbox:PollInterval"] = "00:00:00.100",
            ["HelpDesk:Outbox:RetryBaseDelay"] = "00:00:00.100",
            ["HelpDesk:Outbox:RetryMaxDelay"] = "00:00:01",
            // Never given up during the outage: every message must still be owed when the server returns.
            ["HelpDesk:Outbox:MaxAttempts"] = "10000",
            // Fifty posts from one address; the default (5 a minute) is tested in PublicFormsPageTests.
            ["HelpDesk:PublicForms:PermitLimit"] = "1000",
        });
        _app.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<string> SubmitAsync(HttpClient client, int general, int n)
    {
        var page = await client.GetPageAsync("/complaints/new");
        using var content = new FormUrlEncodedContent(
        [
            new("Input.FormToken", page.QuerySelector("input[name='Input.FormToken']")!.GetAttribute("value")!),
            new("__RequestVerificationToken", page.AntiForgeryToken()),
            new("Input.CustomerName", $"Customer {n}"),
            new("Input.CustomerEmail", $"customer{n}@example.com"),
            new("Input.CustomerPhone", ""),
            new("Input.Website", ""),
            new("Input.ComplaintTypeId", general.ToString(CultureInfo.InvariantCulture)),
            new("Input.Subject", $"Complaint number {n}"),
            new("Input.Description", "Made while the mail server was down."),
        ]);
        using var response = await client.PostAsync(new Uri("/complaints/new", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var received = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        return received.QuerySelector("#reference")!.TextContent.Trim();
    }

    [Fact]
    public async Task Fifty_complaints_made_while_smtp_is_down_are_each_acknowledged_exactly_once_when_it_returns()
    {
        int general;
        await using (var db = fixture.CreateDbContext())
        {
            general = await db.ComplaintTypes.Where(t => t.Name == "General").Select(t => t.Id).SingleAsync();
        }

        var watch = Stopwatch.StartNew();
        // Five customers at a time, each with their own session, as on the real form.
        var references = (await Task.WhenAll(Enumerable.Range(0, 5).Select(async lane =>
        {
            using var client = fixture.CreateClient(_app);
            var mine = new List<string>();
            for (var n = lane; n < Complaints; n += 5)
            {
                mine.Add(await SubmitAsync(client, general, n));
            }

            return mine;
        }))).SelectMany(r => r).ToList();

        Assert.Equal(Complaints, references.Distinct().Count());

        // The worker has been trying and failing: the messages are owed, not lost and not given up.
        var failing = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        await using (var db = fixture.CreateDbContext())
        {
            while (await db.OutboxMessages.CountAsync(m => m.Attempts > 0) < Complaints)
            {
                Assert.True(DateTime.UtcNow < failing, "The worker did not try every message while the server was down.");
                await Task.Delay(100);
            }

            Assert.Equal(Complaints, await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending));
            Assert.True(await db.DeliveryAttempts.AllAsync(a => a.Outcome == DeliveryOutcome.Failed));
        }

        Assert.Empty(_smtp.Received);

        _smtp.Start();

        await _smtp.WaitForAsync(Complaints, TimeSpan.FromSeconds(30));

        // A message sent twice (a retry racing a success) would be one more than the outbox sent.
        var received = await _smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext, TimeSpan.FromSeconds(30));
        Assert.Equal(Complaints, received.Count);
        var acknowledged = received.Select(r => ReferenceIn().Match(r.Message.Subject ?? "").Value).ToList();
        Assert.Equal(references.Order(StringComparer.Ordinal), acknowledged.Order(StringComparer.Ordinal));
        Assert.Equal(Complaints, received.Select(r => r.Message.MessageId).Distinct().Count());
        Assert.All(received, r => Assert.Single(r.EnvelopeTo));
        await using (var db = fixture.CreateDbContext())
        {
            Assert.Equal(Complaints, await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent));
            Assert.Equal(Complaints, await db.DeliveryAttempts.CountAsync(a => a.Outcome == DeliveryOutcome.Sent));
        }

        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"The outage test took {watch.Elapsed}.");
    }

    [GeneratedRegex(@"HD-\d{4}-\d{6,}-[A-Z]")]
    private static partial Regex ReferenceIn();
}

using System.Globalization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Messages;
using HelpDesk.Application.Features.Messages.Delivery;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using HelpDesk.Web.Hosting.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Application.Tests.Features.Messages;

/// <summary>
/// Delivery over real SMTP: the outbox worker against a real SMTP server in this process and the
/// real PostgreSQL, on the real clock with back-off in milliseconds so the faults play out quickly.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class OutboxDeliveryTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private const string Sender = "helpdesk@desk.example";
    private readonly TestSmtpServer _smtp = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        _services = Build(maxAttempts: 20);
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _services.DisposeAsync();
    }

    private ServiceProvider Build(int maxAttempts, int batchSize = 10)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = Sender,
            ["HelpDesk:Smtp:SenderName"] = "Example Help Desk",
            ["HelpDesk:Smtp:MessageIdDomain"] = "desk.example",
            ["HelpDesk:Smtp:Timeout"] = "00:00:05",
            ["HelpDesk:Outbox:PollInterval"] = "00:00:00.050",
            ["HelpDesk:Outbox:RetryBaseDelay"] = "00:00:00.020",
            ["HelpDesk:Outbox:RetryMaxDelay"] = "00:00:00.200",
            ["HelpDesk:Outbox:MaxAttempts"] = maxAttempts.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Outbox:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Outbox:ClaimLease"] = "00:01:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHelpDeskApplication(configuration, _ => fixture.ConnectionString);
        services.AddHelpDeskMail();
        services.AddSingleton<ICurrentUser>(new TestCurrentUser());
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> AcknowledgementValues(string customerName, string reference) => new()
    {
        [Placeholders.Reference] = reference,
        [Placeholders.CustomerName] = customerName,
        [Placeholders.Subject] = "Charged twice",
        [Placeholders.ReceivedOn] = "Wednesday 25 November 2026",
        [Placeholders.ReferredTo] = "Sam",
        [Placeholders.HandledBy] = "Sam in Billing",
        [Placeholders.SignedBy] = "Sam\nBilling",
        [Placeholders.Department] = "Billing",
        [Placeholders.ExpectedBy] = "Friday 4 December 2026",
    };

    private async Task<List<OutboxMessage>> QueueAsync(int count, Func<int, string>? address = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<MessageOutbox>();
        var queued = new List<OutboxMessage>();
        for (var i = 0; i < count; i++)
        {
            var to = address?.Invoke(i) ?? $"customer{i}@example.test";
            queued.Add(await outbox.QueueAsync(db, TemplateKeys.AcknowledgementEmail, new MessageRecipient(to, $"Customer {i}"), AcknowledgementValues($"Customer {i}", $"HD-2026-{i:D6}-X"), null, CancellationToken.None));
        }

        await db.SaveChangesAsync();
        return queued;
    }

    private async Task<List<OutboxMessage>> StoredAsync()
    {
        await using var db = fixture.CreateDbContext();
        return await db.OutboxMessages.AsNoTracking().Include(m => m.DeliveryAttempts).ToListAsync();
    }

    /// <summary>Runs workers until <paramref name="done"/> holds for what is stored, or fails after <paramref name="limit"/>.</summary>
    private async Task RunWorkersUntilAsync(Func<List<OutboxMessage>, bool> done, TimeSpan limit, int workers = 1, Func<Task>? meanwhile = null)
    {
        var running = Enumerable.Range(0, workers)
            .Select(_ => ActivatorUtilities.CreateInstance<OutboxWorker>(_services, ActivatorUtilities.CreateInstance<OutboxDelivery>(_services)))
            .ToList();
        foreach (var worker in running)
        {
            await worker.StartAsync(CancellationToken.None);
        }

        try
        {
            if (meanwhile is not null)
            {
                await meanwhile();
            }

            var deadline = DateTime.UtcNow + limit;
            while (!done(await StoredAsync()))
            {
                Assert.True(DateTime.UtcNow < deadline, "The outbox did not reach the expected state in time.");
                await Task.Delay(50);
            }
        }
        finally
        {
            foreach (var worker in running)
            {
                await worker.StopAsync(CancellationToken.None);
                worker.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_queued_acknowledgement_arrives_with_the_templates_content_its_headers_and_its_stable_message_id()
    {
        _smtp.Start();
        var queued = (await QueueAsync(1, _ => "jordan@example.test")).Single();

        await RunWorkersUntilAsync(stored => stored.All(m => m.Status == OutboxStatus.Sent), TimeSpan.FromSeconds(10));

        var (message, envelope) = Assert.Single(_smtp.Received);
        Assert.Equal(["jordan@example.test"], envelope);
        Assert.Equal(queued.MessageId, message.MessageId);
        Assert.EndsWith("@desk.example", message.MessageId, StringComparison.Ordinal);
        Assert.Equal("We have received your message – reference HD-2026-000000-X", message.Subject);
        var from = Assert.Single(message.From.Mailboxes);
        Assert.Equal((Sender, "Example Help Desk"), (from.Address, from.Name));
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(("jordan@example.test", "Customer 0"), (to.Address, to.Name));
        Assert.Contains("Dear Customer 0,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("referred to Sam in Billing, who will look into it and respond to you by Friday 4 December 2026", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("<p>Dear Customer 0,</p>", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(TemplateKeys.AcknowledgementEmail, message.Headers["X-HelpDesk-Template"]);

        var stored = Assert.Single(await StoredAsync());
        Assert.NotNull(stored.SentAt);
        Assert.Null(stored.ClaimToken);
        Assert.Equal(DeliveryOutcome.Sent, Assert.Single(stored.DeliveryAttempts).Outcome);
    }

    [Fact]
    public async Task A_message_turned_away_for_now_is_retried_with_the_same_message_id_and_every_attempt_recorded()
    {
        _smtp.Start();
        _smtp.RefuseTemporarily(2);
        var queued = (await QueueAsync(1)).Single();

        await RunWorkersUntilAsync(stored => stored.All(m => m.Status == OutboxStatus.Sent), TimeSpan.FromSeconds(10));

        var (message, _) = Assert.Single(_smtp.Received);
        Assert.Equal(queued.MessageId, message.MessageId);
        var attempts = Assert.Single(await StoredAsync()).DeliveryAttempts.OrderBy(a => a.AttemptedAt).ToList();
        Assert.Equal([DeliveryOutcome.Failed, DeliveryOutcome.Failed, DeliveryOutcome.Sent], attempts.Select(a => a.Outcome));
        Assert.Contains("451", attempts[0].Error, StringComparison.Ordinal);
        Assert.True(attempts[2].AttemptedAt - attempts[1].AttemptedAt >= TimeSpan.FromMilliseconds(40), "The second retry waits twice the base delay.");
    }

    [Fact]
    public async Task Messages_queued_while_the_smtp_server_is_down_all_arrive_exactly_once_when_it_comes_back()
    {
        await QueueAsync(50);

        await RunWorkersUntilAsync(
            stored => stored.All(m => m.Status == OutboxStatus.Sent),
            TimeSpan.FromSeconds(30),
            meanwhile: async () =>
            {
                // Down long enough for every message to fail a few times, then back.
                var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
                while ((await StoredAsync()).Any(m => m.Attempts < 2))
                {
                    Assert.True(DateTime.UtcNow < deadline, "The worker did not keep trying while the server was down.");
                    await Task.Delay(50);
                }

                Assert.All(await StoredAsync(), m => Assert.Equal(OutboxStatus.Pending, m.Status));
                _smtp.Start();
            });

        var received = _smtp.Received.Select(r => r.Message.MessageId).ToList();
        Assert.Equal(50, received.Count);
        Assert.Equal(50, received.Distinct().Count());
        var stored = await StoredAsync();
        Assert.Equal(stored.Select(m => m.MessageId).Order(), received.Order());
        Assert.All(stored, m => Assert.Contains(m.DeliveryAttempts, a => a.Outcome == DeliveryOutcome.Failed && a.Error!.Contains("reach", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_recipient_the_server_refuses_is_given_up_after_the_allowed_tries_while_the_others_arrive()
    {
        await _services.DisposeAsync();
        _services = Build(maxAttempts: 3);
        _smtp.RefusedRecipients["nobody@example.test"] = true;
        _smtp.Start();
        await QueueAsync(10, i => i == 4 ? "nobody@example.test" : $"customer{i}@example.test");

        await RunWorkersUntilAsync(stored => stored.All(m => m.Status != OutboxStatus.Pending), TimeSpan.FromSeconds(15));

        var stored = await StoredAsync();
        var refused = Assert.Single(stored, m => m.RecipientAddress == "nobody@example.test");
        Assert.Equal(OutboxStatus.GivenUp, refused.Status);
        Assert.Equal(3, refused.Attempts);
        Assert.Equal(3, refused.DeliveryAttempts.Count);
        Assert.All(refused.DeliveryAttempts, a => Assert.Equal(DeliveryOutcome.Rejected, a.Outcome));
        Assert.Contains("550", refused.LastError, StringComparison.Ordinal);
        Assert.All(stored.Where(m => m != refused), m => Assert.Equal(OutboxStatus.Sent, m.Status));
        var received = _smtp.Received.SelectMany(r => r.EnvelopeTo).ToList();
        Assert.Equal(9, received.Count);
        Assert.DoesNotContain("nobody@example.test", received);
    }

    [Fact]
    public async Task Two_workers_on_one_database_deliver_two_hundred_messages_exactly_once()
    {
        _smtp.Start();
        await QueueAsync(200);

        await RunWorkersUntilAsync(stored => stored.All(m => m.Status == OutboxStatus.Sent), TimeSpan.FromSeconds(45), workers: 2);

        var received = _smtp.Received.Select(r => r.Message.MessageId).ToList();
        Assert.Equal(200, received.Count);
        Assert.Equal(200, received.Distinct().Count());
        var stored = await StoredAsync();
        Assert.All(stored, m => Assert.Equal(DeliveryOutcome.Sent, Assert.Single(m.DeliveryAttempts).Outcome));
        Assert.Equal(2, stored.Select(m => m.DeliveryAttempts.Single().Worker).Distinct().Count());
    }

    [Fact]
    public async Task A_claim_held_by_a_worker_is_left_alone_until_its_lease_runs_out()
    {
        _smtp.Start();
        var queued = (await QueueAsync(1)).Single();
        await using (var db = fixture.CreateDbContext())
        {
            // As if another worker had claimed it a moment ago and then died.
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET claimed_until = now() + interval '1 hour', claim_token = {Guid.NewGuid()} WHERE id = {queued.Id}");
        }

        var delivery = ActivatorUtilities.CreateInstance<OutboxDelivery>(_services);
        Assert.Equal(0, await delivery.DeliverDueAsync(CancellationToken.None));
        Assert.Empty(_smtp.Received);

        await using (var db = fixture.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE outbox_messages SET claimed_until = now() - interval '1 second' WHERE id = {queued.Id}");
        }

        Assert.Equal(1, await delivery.DeliverDueAsync(CancellationToken.None));
        Assert.Single(_smtp.Received);
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await StoredAsync()).Status);
    }

    [Fact]
    public async Task Nothing_is_sent_while_no_smtp_server_is_configured_and_the_messages_stay_pending()
    {
        _smtp.Start();
        await QueueAsync(3);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HelpDesk:Outbox:PollInterval"] = "00:00:00.050" }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHelpDeskApplication(configuration, _ => fixture.ConnectionString);
        services.AddHelpDeskMail();
        await using var provider = services.BuildServiceProvider();

        Assert.Equal(0, await provider.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None));

        Assert.Empty(_smtp.Received);
        Assert.All(await StoredAsync(), m => Assert.Equal((OutboxStatus.Pending, 0), (m.Status, m.DeliveryAttempts.Count)));
    }
}

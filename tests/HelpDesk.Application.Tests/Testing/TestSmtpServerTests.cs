using System.Globalization;
using HelpDesk.Application.Features.Messages.Delivery;
using HelpDesk.Domain.Messages;
using HelpDesk.Testing;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Xunit.Sdk;

namespace HelpDesk.Application.Tests.Testing;

/// <summary>
/// The waits every email test uses (<see cref="TestSmtpServer.WaitForAsync(int, TimeSpan?)"/> and
/// <see cref="TestSmtpServer.WaitForOutboxDrainedAsync"/>): they return as soon as the condition holds,
/// fail with what did arrive when it never does, and tell "nothing else arrived" from the outbox rows.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class TestSmtpServerTests(ApplicationFixture fixture) : IAsyncLifetime
{
    private readonly TestSmtpServer _smtp = new();

    public async Task InitializeAsync()
    {
        await fixture.ResetWithDefaultsAsync();
        _smtp.Start();
    }

    public async Task DisposeAsync() => await _smtp.DisposeAsync();

    private async Task SendDirectlyAsync(string subject, string messageId)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", _smtp.Port, SecureSocketOptions.None);
        var message = new MimeMessage { Subject = subject, MessageId = messageId };
        message.From.Add(MailboxAddress.Parse("desk@desk.example"));
        message.To.Add(MailboxAddress.Parse("jordan@example.test"));
        message.Body = new TextPart("plain") { Text = "Hello." };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    private async Task<OutboxMessage> QueueAsync(string subject)
    {
        var queued = OutboxMessage.Queue(
            Guid.NewGuid(), $"{Guid.NewGuid():N}@desk.example", TemplateKeys.AcknowledgementEmail, "jordan@example.test", "Jordan",
            new RenderedMessage(subject, "Hello.", "<p>Hello.</p>"), null, fixture.Clock.GetUtcNow());
        await using var db = fixture.CreateDbContext();
        db.OutboxMessages.Add(queued);
        await db.SaveChangesAsync();
        return queued;
    }

    private async Task<int> DeliverAsync()
    {
        await using var delivering = ApplicationServices.Build(fixture.ConnectionString, fixture.Clock, fixture.CurrentUser, new Dictionary<string, string?>
        {
            ["HelpDesk:Smtp:Host"] = "127.0.0.1",
            ["HelpDesk:Smtp:Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["HelpDesk:Smtp:Security"] = "None",
            ["HelpDesk:Smtp:SenderAddress"] = "desk@desk.example",
        });
        return await delivering.GetRequiredService<OutboxDelivery>().DeliverDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task WaitForAsync_returns_once_the_count_has_arrived_in_order_of_arrival()
    {
        var sending = Task.Run(async () =>
        {
            await SendDirectlyAsync("First", "first@desk.example");
            await SendDirectlyAsync("Second", "second@desk.example");
        });

        var received = await _smtp.WaitForAsync(2);

        await sending;
        Assert.Equal(["First", "Second"], received.Select(r => r.Message.Subject));
        Assert.Equal(["jordan@example.test"], received[0].EnvelopeTo);
    }

    [Fact]
    public async Task WaitForAsync_fails_at_its_deadline_naming_what_did_arrive()
    {
        await SendDirectlyAsync("Only one", "one@desk.example");

        var failure = await Assert.ThrowsAsync<FailException>(() => _smtp.WaitForAsync(2, TimeSpan.FromMilliseconds(300)));

        Assert.Contains("Expected 2 messages", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Only one", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForAsync_with_a_predicate_waits_for_a_match_and_returns_only_the_matches()
    {
        await SendDirectlyAsync("Unrelated", "unrelated@desk.example");
        var sending = Task.Run(() => SendDirectlyAsync("Our response – reference HD-2026-000001-X", "response@desk.example"));

        var matches = await _smtp.WaitForAsync(m => (m.Subject ?? "").Contains("HD-2026-000001-X", StringComparison.Ordinal), "with the reference");

        await sending;
        Assert.Equal("response@desk.example", Assert.Single(matches).Message.MessageId);
    }

    [Fact]
    public async Task WaitForOutboxDrainedAsync_waits_while_a_message_is_owed_and_then_returns_what_arrived()
    {
        var queued = await QueueAsync("Owed");

        var drained = _smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext);
        Assert.Equal(1, await DeliverAsync());

        Assert.Equal(queued.MessageId, Assert.Single(await drained).Message.MessageId);
    }

    [Fact]
    public async Task WaitForOutboxDrainedAsync_fails_when_a_message_arrived_twice()
    {
        var queued = await QueueAsync("Sent twice");
        Assert.Equal(1, await DeliverAsync());
        // As a retry racing a success would: the same message once more, which the outbox sent once.
        await SendDirectlyAsync("Sent twice", queued.MessageId);

        var failure = await Assert.ThrowsAsync<FailException>(() => _smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext));

        Assert.Contains("sent 1 messages but the SMTP server received 2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForOutboxDrainedAsync_fails_at_its_deadline_while_a_message_is_still_owed()
    {
        await QueueAsync("Never delivered");

        var failure = await Assert.ThrowsAsync<FailException>(() => _smtp.WaitForOutboxDrainedAsync(fixture.CreateDbContext, TimeSpan.FromMilliseconds(300)));

        Assert.Contains("still owed 1 messages", failure.Message, StringComparison.Ordinal);
    }
}

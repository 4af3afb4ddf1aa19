using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Messages;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Xunit;

namespace HelpDesk.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port inside the test process. It keeps
/// every message it accepts, parsed with MimeKit, and can refuse a recipient for good (550) or turn
/// the first few messages away for now (451). It can be stopped and started again on the same port.
/// </summary>
/// <remarks>
/// Tests wait on it with <see cref="WaitForAsync(int, TimeSpan?)"/> (a count, or a message that matches) and prove
/// that nothing else arrived with <see cref="WaitForOutboxDrainedAsync"/>, never with a fixed sleep.
/// </remarks>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private CancellationTokenSource? _running;
    private SmtpServer.SmtpServer? _server;
    private Task? _serving;
    private int _temporaryRefusalsLeft;

    // Completed (and replaced) each time a message is accepted, so a waiter wakes at once instead of polling.
    private TaskCompletionSource _arrived = NewSignal();

    /// <summary>How long a wait lasts when the test does not say: far more than a healthy delivery takes.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(20);

    public TestSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>The configuration that points a host at this server, unencrypted, sending as <paramref name="senderAddress"/>.</summary>
    public Dictionary<string, string?> HostSettings(string senderAddress) => new()
    {
        ["HelpDesk:Smtp:Host"] = "127.0.0.1",
        ["HelpDesk:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["HelpDesk:Smtp:Security"] = "None",
        ["HelpDesk:Smtp:SenderAddress"] = senderAddress,
    };

    /// <summary>Every message accepted, with the envelope recipients it was accepted for.</summary>
    public ConcurrentQueue<(MimeMessage Message, IReadOnlyList<string> EnvelopeTo)> Received { get; } = new();

    /// <summary>Recipients answered with 550 at RCPT TO.</summary>
    public ConcurrentDictionary<string, bool> RefusedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answers 451 to the next <paramref name="count"/> messages, then accepts again.</summary>
    public void RefuseTemporarily(int count) => Interlocked.Exchange(ref _temporaryRefusalsLeft, count);

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived; returns every message so far, in order of arrival.</summary>
    public Task<IReadOnlyList<(MimeMessage Message, IReadOnlyList<string> EnvelopeTo)>> WaitForAsync(int count, TimeSpan? timeout = null) =>
        WaitUntilAsync(received => received.Count >= count, () => $"Expected {count} messages at the SMTP server", timeout);

    /// <summary>
    /// Waits until a message <paramref name="matches"/> (say, a subject holding a reference); returns every
    /// message that matches so far, so the caller can insist on one.
    /// </summary>
    public async Task<IReadOnlyList<(MimeMessage Message, IReadOnlyList<string> EnvelopeTo)>> WaitForAsync(Func<MimeMessage, bool> matches, string what, TimeSpan? timeout = null)
    {
        var received = await WaitUntilAsync(all => all.Any(r => matches(r.Message)), () => $"No message {what} reached the SMTP server", timeout);
        return [.. received.Where(r => matches(r.Message))];
    }

    /// <summary>
    /// Proves that nothing more will arrive, from the database rather than by sleeping: waits until the
    /// outbox has nothing left to send (every row sent or given up, none claimed by a worker mid-send),
    /// then requires that this server holds exactly one message per row sent (a message sent twice, or
    /// one from outside the outbox, fails the test). Returns what arrived.
    /// </summary>
    /// <remarks>
    /// Every email the app sends goes through the outbox, and a worker records a row sent only after
    /// this server has accepted the message, so once the outbox is drained the count can only be short
    /// if a message was lost and only be over if one went twice.
    /// </remarks>
    public async Task<IReadOnlyList<(MimeMessage Message, IReadOnlyList<string> EnvelopeTo)>> WaitForOutboxDrainedAsync(Func<HelpDeskDbContext> createDbContext, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(createDbContext);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        int sent;
        while (true)
        {
            await using var db = createDbContext();
            var owed = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending || m.ClaimToken != null);
            sent = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Sent);
            if (owed == 0)
            {
                break;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"The outbox still owed {owed} messages after {timeout ?? DefaultWait}.");
            }

            await Task.Delay(50);
        }

        var received = Received.ToList();
        if (received.Count != sent)
        {
            Assert.Fail($"The outbox sent {sent} messages but the SMTP server received {received.Count}.");
        }

        return received;
    }

    private async Task<IReadOnlyList<(MimeMessage Message, IReadOnlyList<string> EnvelopeTo)>> WaitUntilAsync(
        Func<IReadOnlyList<(MimeMessage Message, IReadOnlyList<string> EnvelopeTo)>, bool> done, Func<string> failure, TimeSpan? timeout)
    {
        var wait = timeout ?? DefaultWait;
        using var expiry = new CancellationTokenSource(wait);
        while (true)
        {
            // The signal is read before the messages: one accepted in between completes it, so none is missed.
            var arrived = Volatile.Read(ref _arrived).Task;
            var received = Received.ToList();
            if (done(received))
            {
                return received;
            }

            try
            {
                await arrived.WaitAsync(expiry.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{failure()} within {wait}; it received {Received.Count}: {string.Join("; ", Received.Select(r => r.Message.Subject))}.");
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Accept(MimeMessage message, IReadOnlyList<string> envelopeTo)
    {
        Received.Enqueue((message, envelopeTo));
        Interlocked.Exchange(ref _arrived, NewSignal()).TrySetResult();
    }

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("test-smtp.local")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        _running = new CancellationTokenSource();
        _server = new SmtpServer.SmtpServer(options, services);
        _serving = _server.StartAsync(_running.Token);
    }

    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        await _running!.CancelAsync();
        _server.Shutdown();
        try
        {
            await _serving!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Cancelling is how the server is told to stop.
        }

        _running.Dispose();
        _server = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(TestSmtpServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref owner._temporaryRefusalsLeft) >= 0)
            {
                return new SmtpResponse((SmtpReplyCode)451, "Try again later");
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            owner.Accept(message, transaction.To.Select(t => t.AsAddress()).ToList());
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(TestSmtpServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.RefusedRecipients.ContainsKey(to.AsAddress()));
    }
}

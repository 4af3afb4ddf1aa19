using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace HelpDesk.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port inside the test process. It keeps
/// every message it accepts, parsed with MimeKit, and can refuse a recipient for good (550) or turn
/// the first few messages away for now (451). It can be stopped and started again on the same port.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private CancellationTokenSource? _running;
    private SmtpServer.SmtpServer? _server;
    private Task? _serving;
    private int _temporaryRefusalsLeft;

    public TestSmtpServer()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    /// <summary>Every message accepted, with the envelope recipients it was accepted for.</summary>
    public ConcurrentQueue<(MimeMessage Message, IReadOnlyList<string> EnvelopeTo)> Received { get; } = new();

    /// <summary>Recipients answered with 550 at RCPT TO.</summary>
    public ConcurrentDictionary<string, bool> RefusedRecipients { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Answers 451 to the next <paramref name="count"/> messages, then accepts again.</summary>
    public void RefuseTemporarily(int count) => Interlocked.Exchange(ref _temporaryRefusalsLeft, count);

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
            owner.Received.Enqueue((message, transaction.To.Select(t => t.AsAddress()).ToList()));
            return SmtpResponse.Ok;
        }
    }

    private sealed class Filter(TestSmtpServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.RefusedRecipients.ContainsKey(to.AsAddress()));
    }
}

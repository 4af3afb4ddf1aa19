using HelpDesk.Application.Features.Email;

namespace HelpDesk.Web.Hosting.Mail;

/// <summary>
/// One <see cref="MailboxReader"/> per active mailbox (docs/email.md, "Reading"), when
/// <c>HelpDesk:Email:ReadMailboxes</c> is on. The list is looked at again every
/// <see cref="EmailOptions.MailboxListInterval"/>: a new mailbox gets a reader, a paused or removed one
/// loses it, and one whose server, account, folder or password changed gets a new one.
/// </summary>
public sealed partial class MailboxReaders(IServiceScopeFactory scopes, MailboxReader reader, IOptions<EmailOptions> options, ILogger<MailboxReaders> logger) : BackgroundService
{
    private readonly Dictionary<int, Running> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ReadMailboxes)
        {
            LogNotReading(logger);
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var active = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListMailboxesToRead.Query(), stoppingToken);
                    await FollowAsync(active, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    // The database may be restarting: the readers already running go on, the list is read again later.
                    LogListFailed(logger, e);
                }

                try
                {
                    await Task.Delay(options.Value.MailboxListInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            await Task.WhenAll(_running.Values.Select(StopAsync));
        }
    }

    private async Task FollowAsync(IReadOnlyList<ListMailboxesToRead.Item> active, CancellationToken stoppingToken)
    {
        var wanted = active.ToDictionary(m => m.Id);
        foreach (var (id, running) in _running.ToList())
        {
            // A reader that ended by itself (it should not: it outlives every failure) is started again too.
            if (!wanted.TryGetValue(id, out var now) || now != running.Mailbox || running.Reading.IsCompleted)
            {
                _running.Remove(id);
                await StopAsync(running);
            }
        }

        foreach (var mailbox in active.Where(m => !_running.ContainsKey(m.Id)))
        {
            var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            _running[mailbox.Id] = new Running(mailbox, stop, Task.Run(() => reader.RunAsync(mailbox, stop.Token), CancellationToken.None));
            LogReading(logger, mailbox.Id, mailbox.Server.Host, mailbox.Server.Folder);
        }
    }

    private async Task StopAsync(Running running)
    {
        await running.Stop.CancelAsync();
        try
        {
            await running.Reading;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReaderFailed(logger, e, running.Mailbox.Id);
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }
        finally
        {
            running.Stop.Dispose();
        }
    }

    private sealed record Running(ListMailboxesToRead.Item Mailbox, CancellationTokenSource Stop, Task Reading);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailboxes are not read by this instance (HelpDesk:Email:ReadMailboxes is false).")]
    private static partial void LogNotReading(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading mailbox {MailboxId} ({Host}, folder {Folder}).")]
    private static partial void LogReading(ILogger logger, int mailboxId, string host, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "The list of mailboxes to read could not be read; trying again later.")]
    private static partial void LogListFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The reader of mailbox {MailboxId} ended with an error.")]
    private static partial void LogReaderFailed(ILogger logger, Exception exception, int mailboxId);
}

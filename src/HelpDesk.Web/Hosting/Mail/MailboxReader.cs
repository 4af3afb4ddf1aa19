using System.Security.Cryptography;
using FluentValidation;
using HelpDesk.Application.Features.Email;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Conversations;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace HelpDesk.Web.Hosting.Mail;

/// <summary>
/// Reads one mailbox until stopped (docs/email.md, "Reading"): while it holds the mailbox's advisory
/// lock, it signs in, hands every message in the folder to <see cref="ReceiveEmail"/> and moves it to
/// HelpDesk/Processed, sets aside in HelpDesk/Failed a message that failed
/// <see cref="MailReceipt.MaxAttempts"/> times, then waits in IDLE (or polls) for more. A mailbox it
/// cannot reach gets the one-sentence reason on its page, and the reader tries again later, each
/// wait twice the last up to <see cref="EmailOptions.MaxReconnectDelay"/>.
/// </summary>
public sealed partial class MailboxReader(
    IServiceScopeFactory scopes,
    MailboxPasswords passwords,
    IOptions<EmailOptions> options,
    IOptions<ImapClientOptions> imap,
    ILogger<MailboxReader> logger)
{
    private string ConnectionString()
    {
        using var scope = scopes.CreateScope();
        return scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>().Database.GetConnectionString()
            ?? throw new InvalidOperationException("The database has no connection string.");
    }

    /// <summary>RFC 2177: a server may end an IDLE after 30 minutes, so it is renewed well before.</summary>
    public static readonly TimeSpan IdleRenewal = TimeSpan.FromMinutes(9);

    public async Task RunAsync(ListMailboxesToRead.Item mailbox, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var held = await MailboxLock.TryTakeAsync(ConnectionString(), mailbox.Id, stoppingToken);
                if (held is null)
                {
                    // Another instance reads this mailbox; should it stop, the lock is free at a later look.
                    await Task.Delay(options.Value.MailboxListInterval, stoppingToken);
                    continue;
                }

                await ReadWhileConnectedAsync(mailbox, held, () => failures = 0, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failure) when (IsDatabaseAway(failure))
            {
                // The database is away: nothing can be handled or recorded; the mailbox is not to blame.
                var wait = Backoff(failures++);
                LogDatabaseProblem(logger, failure, mailbox.Id, wait);
                await DelayAsync(wait, stoppingToken);
            }
            catch (Exception failure)
            {
                var sentence = failure is CryptographicException
                    ? "The saved password can no longer be read (the Data Protection keys changed): enter it again."
                    : ImapConnection.Explain(failure, mailbox.Server);
                var wait = Backoff(failures++);
                LogMailboxProblem(logger, failure, mailbox.Id, sentence, wait);
                await RecordAsync(new RecordReading.Command(mailbox.Id, sentence), stoppingToken);
                await DelayAsync(wait, stoppingToken);
            }
        }
    }

    /// <summary>The database could not be reached (after EF's own retries): no fault of the mailbox or the message.</summary>
    private static bool IsDatabaseAway(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is NpgsqlException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    private TimeSpan Backoff(int failures)
    {
        var first = options.Value.ReconnectDelay;
        var longest = options.Value.MaxReconnectDelay;
        return failures >= 30 ? longest : TimeSpan.FromTicks(Math.Min(longest.Ticks, first.Ticks * (1L << failures)));
    }

    private static async Task DelayAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(wait, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends on its next look at the token.
        }
    }

    private async Task ReadWhileConnectedAsync(ListMailboxesToRead.Item mailbox, NpgsqlConnection held, Action connected, CancellationToken stoppingToken)
    {
        var server = mailbox.Server;
        using var client = await ImapConnection.SignInAsync(server, passwords.Unprotect(mailbox.ProtectedPassword), stoppingToken, imap.Value.Configure);
        try
        {
            var folder = await ImapConnection.OpenFolderAsync(client, server, FolderAccess.ReadWrite, stoppingToken);
            var processed = await MailboxFolders.EnsureFolderAsync(client, Mailbox.ProcessedFolder, stoppingToken);
            var failed = await MailboxFolders.EnsureFolderAsync(client, Mailbox.FailedFolder, stoppingToken);
            connected();
            var arrivals = new Arrivals(folder);
            folder.CountChanged += arrivals.Changed;
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await MailboxLock.EnsureHeldAsync(held, stoppingToken);
                    arrivals.Reset();
                    await ReadFolderAsync(client, folder, processed, failed, mailbox.Id, stoppingToken);
                    await RecordAsync(new RecordReading.Command(mailbox.Id, null), stoppingToken);
                    await WaitForMailAsync(client, arrivals, stoppingToken);
                }
            }
            finally
            {
                folder.CountChanged -= arrivals.Changed;
            }
        }
        finally
        {
            await MailboxFolders.DisconnectQuietlyAsync(client);
        }
    }

    /// <summary>At most this many messages are fetched in one FETCH and moved in one MOVE.</summary>
    public const int BatchSize = 50;

    /// <summary>A batch stops growing at this many bytes (it always holds at least one message), so a pass never holds much mail in memory.</summary>
    public const long BatchBytes = 16L * 1024 * 1024;

    /// <summary>
    /// One pass, oldest first, in batches: one FETCH brings a batch's messages, each is handled in a
    /// scope (and transaction) of its own, sharing the batch's reads (<see cref="MailBatch"/>), then one
    /// MOVE takes the batch's handled messages out of the folder. A stop between a message's commit and the MOVE leaves it in the folder; its receipt
    /// makes the next pass only move it.
    /// </summary>
    private async Task ReadFolderAsync(ImapClient client, IMailFolder folder, IMailFolder processed, IMailFolder failed, int mailboxId, CancellationToken stoppingToken)
    {
        // A message flagged deleted is on its way out (a COPY without MOVE, interrupted): it was handled.
        var uids = await folder.SearchAsync(SearchQuery.NotDeleted, stoppingToken);
        if (uids.Count == 0)
        {
            return;
        }

        var summaries = await folder.FetchAsync(uids, MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate | MessageSummaryItems.Size, stoppingToken);
        foreach (var batch in Batches(summaries.OrderBy(s => s.UniqueId.Id)))
        {
            stoppingToken.ThrowIfCancellationRequested();
            // The folders of an ImapClient are ImapFolders: only they fetch many bodies in one command.
            var raws = await MailboxFolders.RawAsync((ImapFolder)folder, [.. batch.Select(s => s.UniqueId)], stoppingToken);
            var handled = new List<UniqueId>(batch.Count);
            var setAside = new List<UniqueId>();
            var shared = new MailBatch();
            foreach (var summary in batch)
            {
                stoppingToken.ThrowIfCancellationRequested();
                if (!raws.TryGetValue(summary.UniqueId, out var raw))
                {
                    // Expunged by someone else since the search: nothing to read.
                    continue;
                }

                var arrivedAt = summary.InternalDate ?? DateTimeOffset.UtcNow;
                switch (await HandleAsync(mailboxId, raw, arrivedAt, shared, stoppingToken))
                {
                    case null:
                        handled.Add(summary.UniqueId);
                        break;
                    case true:
                        setAside.Add(summary.UniqueId);
                        break;
                }
            }

            await MailboxFolders.MoveAsync(client, folder, handled, processed, stoppingToken);
            await MailboxFolders.MoveAsync(client, folder, setAside, failed, stoppingToken);
        }
    }

    private static IEnumerable<List<IMessageSummary>> Batches(IEnumerable<IMessageSummary> summaries)
    {
        var batch = new List<IMessageSummary>();
        long bytes = 0;
        foreach (var summary in summaries)
        {
            var size = (long)(summary.Size ?? 0);
            if (batch.Count > 0 && (batch.Count == BatchSize || bytes + size > BatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(summary);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>
    /// Null when handled (now, or before: a message seen again after a stop between handling and
    /// moving is found by its receipt and only moved); else whether it failed often enough to be set aside.
    /// </summary>
    private async Task<bool?> HandleAsync(int mailboxId, byte[] raw, DateTimeOffset arrivedAt, MailBatch batch, CancellationToken stoppingToken)
    {
        string reason;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReceiveEmail.Command(mailboxId, raw, arrivedAt, batch), stoppingToken);
            return null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception failure) when (!IsDatabaseAway(failure))
        {
            reason = Reason(failure);
            LogMessageFailed(logger, failure, mailboxId, reason);
        }

        await using var recording = scopes.CreateAsyncScope();
        var recorded = await recording.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordMailFailure.Command(mailboxId, raw, reason), stoppingToken);
        return recorded.SetAside;
    }

    /// <summary>What a failed message's row says: a refusal's own words, else the exception's message.</summary>
    private static string Reason(Exception failure)
    {
        var text = failure is ValidationException refused && refused.Errors.Any()
            ? string.Join(" ", refused.Errors.Select(e => e.ErrorMessage))
            : failure.Message;
        return Domain.Messages.HeaderText.OneLine(text) is { Length: > 0 } line ? line : failure.GetType().Name;
    }

    /// <summary>
    /// Until new mail arrives, the poll interval passes or the reader stops: in IDLE where the server
    /// offers it (renewed at least every <see cref="IdleRenewal"/>), else a plain wait. After each wait
    /// the folder is read again, so a message that failed is tried again at least every poll interval.
    /// </summary>
    private async Task WaitForMailAsync(ImapClient client, Arrivals arrivals, CancellationToken stoppingToken)
    {
        var poll = options.Value.PollInterval;
        if (!client.Capabilities.HasFlag(ImapCapabilities.Idle))
        {
            await Task.Delay(poll, stoppingToken);
            return;
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        done.CancelAfter(poll < IdleRenewal ? poll : IdleRenewal);
        if (!arrivals.WakeOnArrival(done))
        {
            // Mail came in while the folder was being read: read again at once.
            return;
        }

        try
        {
            await client.IdleAsync(done.Token, stoppingToken);
        }
        finally
        {
            arrivals.WakeOnArrival(null);
        }
    }

    private async Task RecordAsync(RecordReading.Command command, CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, stoppingToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogNotRecorded(logger, failure, command.MailboxId);
        }
    }

    /// <summary>
    /// Hears the folder grow (an untagged EXISTS) while it is read or in IDLE; our own moves only
    /// shrink it. Events come on the IMAP client's reading, so no lock is needed beyond the one CTS.
    /// </summary>
    private sealed class Arrivals(IMailFolder folder)
    {
        private int _count = folder.Count;
        private bool _arrived;
        private CancellationTokenSource? _wake;

        public void Reset()
        {
            _arrived = false;
            _count = folder.Count;
        }

        /// <summary>Cancels <paramref name="wake"/> when mail arrives; false when some already has.</summary>
        public bool WakeOnArrival(CancellationTokenSource? wake)
        {
            _wake = wake;
            return !_arrived;
        }

        public void Changed(object? sender, EventArgs e)
        {
            if (folder.Count > _count)
            {
                _arrived = true;
                _wake?.Cancel();
            }

            _count = folder.Count;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox {MailboxId} could not be read: {Problem} Trying again in {Wait}.")]
    private static partial void LogMailboxProblem(ILogger logger, Exception exception, int mailboxId, string problem, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mailbox {MailboxId} is not read while the database is unavailable; trying again in {Wait}.")]
    private static partial void LogDatabaseProblem(ILogger logger, Exception exception, int mailboxId, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message in mailbox {MailboxId} could not be handled: {Reason}")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, int mailboxId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "How mailbox {MailboxId} was read could not be recorded.")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, int mailboxId);
}

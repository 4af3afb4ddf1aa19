using HelpDesk.Domain.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Messages.Delivery;

/// <summary>
/// One delivery round: claim due messages, send them over one connection to the mail server
/// (<see cref="IMailSender"/>), record every attempt.
/// Any number of rounds may run at once, in this process or others on the same database:
/// <c>FOR UPDATE SKIP LOCKED</c> gives each due message to exactly one claimant, and the claim (a
/// token and a lease) keeps others off it while it is being sent, without holding a lock over the
/// network. A worker that dies holding a claim frees the messages when the lease runs out.
/// </summary>
public sealed partial class OutboxDelivery(IServiceScopeFactory scopes, IMailSender sender, IOptions<SmtpOptions> smtp, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxDelivery> logger)
{
    /// <summary>Names this worker in the attempts it records.</summary>
    public string WorkerName { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    /// <summary>Sends what is due; returns how many messages it tried (0 when none was due or no mail server is configured).</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        if (!sender.IsConfigured)
        {
            return 0;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var claimed = await ClaimAsync(db, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        IMailConnection? connection = null;
        MailNotSentException? unreachable = null;
        try
        {
            foreach (var message in claimed)
            {
                if (unreachable is not null)
                {
                    // The server could not be reached for this batch: the rest fail the same way
                    // without waiting for a timeout each.
                    message.RecordFailure(time.GetUtcNow(), unreachable.Outcome, unreachable.Reason, options.Value.Schedule, WorkerName);
                    await SaveOutcomeAsync(db, message, cancellationToken);
                    continue;
                }

                try
                {
                    if (connection is null)
                    {
                        try
                        {
                            connection = await sender.ConnectAsync(cancellationToken);
                        }
                        catch (MailNotSentException failure)
                        {
                            unreachable = failure;
                            throw;
                        }
                    }

                    // A staff reply's files are kept with the case (docs/email.md, "Attachments") and go as its MIME parts.
                    var files = await db.CaseMessages.AsNoTracking()
                        .Where(m => m.OutboxMessageId == message.Id)
                        .SelectMany(m => m.Attachments)
                        .OrderBy(a => a.Id)
                        .Select(a => new OutgoingMail.File(a.FileName, a.ContentType, a.Content))
                        .ToListAsync(cancellationToken);
                    using var mime = OutgoingMail.Compose(message, smtp.Value, files);
                    await connection.SendAsync(mime, cancellationToken);
                    message.RecordSent(time.GetUtcNow(), WorkerName);
                }
                catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var notSent = failure as MailNotSentException
                        ?? new MailNotSentException(DeliveryOutcome.Failed, $"{failure.GetType().Name}: {failure.Message}", failure.GetType().Name, failure);
                    message.RecordFailure(time.GetUtcNow(), notSent.Outcome, notSent.Reason, options.Value.Schedule, WorkerName);
                    LogFailure(logger, message.Id, message.Attempts, message.Status, notSent.Outcome, notSent.Cause);
                    if (connection is not null && (!connection.IsUsable || failure is not MailNotSentException))
                    {
                        // The connection is gone or in an unknown state: the next message starts afresh.
                        await connection.DisposeAsync();
                        connection = null;
                    }
                }

                await SaveOutcomeAsync(db, message, cancellationToken);
            }
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }

        return claimed.Count;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(HelpDeskDbContext db, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var leaseEnds = now + options.Value.ClaimLease;
        var token = Guid.NewGuid();
        var batch = options.Value.BatchSize;
        var pending = nameof(OutboxStatus.Pending);
        var strategy = db.Database.CreateExecutionStrategy();
        var ids = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var claimedIds = await db.Database.SqlQuery<Guid>($"""
                WITH due AS (
                    SELECT id FROM outbox_messages
                    WHERE status = {pending} AND next_attempt_at <= {now} AND (claimed_until IS NULL OR claimed_until <= {now})
                    ORDER BY next_attempt_at, created_at
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                UPDATE outbox_messages AS m SET claimed_until = {leaseEnds}, claim_token = {token}
                FROM due WHERE m.id = due.id
                RETURNING m.id AS "Value"
                """).ToListAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return claimedIds;
        });

        if (ids.Count == 0)
        {
            return [];
        }

        var messages = await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.ClaimToken == token).ToListAsync(cancellationToken);
        return messages.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.CreatedAt).ToList();
    }

    private async Task SaveOutcomeAsync(HelpDeskDbContext db, OutboxMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // The claim token is the concurrency token: if this claim ran out and another worker took
            // the message, this save changes nothing and says so.
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            LogLostClaim(logger, message.Id);
            db.ChangeTracker.Clear();
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    // The server's own words often quote the recipient's address: they go to the attempts table for
    // administrators, never to the log.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of outbox message {MessageId} failed (attempt {Attempts}, now {Status}): {Outcome}, {Cause}")]
    private static partial void LogFailure(ILogger logger, Guid messageId, int attempts, OutboxStatus status, DeliveryOutcome outcome, string cause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId}: this worker's claim ran out and another worker took it over; its outcome here is not recorded.")]
    private static partial void LogLostClaim(ILogger logger, Guid messageId);
}

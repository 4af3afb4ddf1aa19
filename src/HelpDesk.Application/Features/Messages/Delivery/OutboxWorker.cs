using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Messages.Delivery;

/// <summary>
/// The background worker every app instance runs: delivery rounds until nothing is due, then a
/// sleep until the poll interval passes or a message queued in this process wakes it.
/// </summary>
public sealed partial class OutboxWorker(OutboxDelivery delivery, IMailSender sender, OutboxSignal signal, IOptions<OutboxOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!sender.IsConfigured)
        {
            // Messages stay Pending and readable at /admin/messages/outbox; configuring SMTP and
            // restarting sends them.
            LogNotConfigured(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await delivery.DeliverDueAsync(stoppingToken) > 0)
                {
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be restarting; the worker must outlive it and try again later.
                LogRoundFailed(logger, e);
            }

            try
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server is configured (HelpDesk:Smtp:Host): messages are kept in the outbox and not sent.")]
    private static partial void LogNotConfigured(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "An outbox delivery round failed; the worker tries again after its poll interval.")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}

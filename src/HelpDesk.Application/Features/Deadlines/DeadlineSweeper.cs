using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Features.Deadlines;

/// <summary>
/// The background worker every app instance runs: a sweep, then a wait of
/// <see cref="SweeperOptions.Interval"/> on the injected clock. Instances share the work through the
/// sweep's lock, so running several is safe; a failed sweep is logged and tried again next time.
/// </summary>
public sealed partial class DeadlineSweeper(DeadlineSweep sweep, TimeProvider time, IOptions<SweeperOptions> options, ILogger<DeadlineSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await sweep.RunAsync(stoppingToken);
                if (result.DidAnything)
                {
                    LogSwept(logger, result.Breached, result.Escalated, result.Warned);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be restarting: the worker must outlive it, and nothing half done was committed.
                LogSweepFailed(logger, e);
            }

            try
            {
                await Task.Delay(options.Value.Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The deadline sweeper is off in this instance (HelpDesk:Sweeper:Enabled).")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deadline sweep: {Breached} deadlines marked breached, {Escalated} cases escalated, {Warned} due-soon warnings queued.")]
    private static partial void LogSwept(ILogger logger, int breached, int escalated, int warned);

    [LoggerMessage(Level = LogLevel.Error, Message = "A deadline sweep failed; the sweeper tries again after its interval.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

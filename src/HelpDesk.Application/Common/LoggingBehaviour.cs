using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace HelpDesk.Application.Common;

/// <summary>
/// Logs which request ran, how long it took and how it ended. Never the request itself: commands carry
/// customers' names, addresses and complaints.
/// </summary>
public sealed partial class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly string RequestName = typeof(TMessage).FullName?.Replace(typeof(TMessage).Namespace + ".", "", StringComparison.Ordinal) ?? typeof(TMessage).Name;

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            Handled(logger, RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (FluentValidation.ValidationException)
        {
            Rejected(logger, RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Failed(logger, exception, RequestName, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} handled in {ElapsedMs:0.0} ms")]
    private static partial void Handled(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Request} rejected by validation in {ElapsedMs:0.0} ms")]
    private static partial void Rejected(ILogger logger, string request, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Request} failed after {ElapsedMs:0.0} ms")]
    private static partial void Failed(ILogger logger, Exception exception, string request, double elapsedMs);
}

namespace HelpDesk.Application.Common;

/// <summary>
/// A request only a supervisor (or administrator) may send: bulk reassignment, recording a periodic
/// review, reviewing and publishing suggestions. The role a request needs is stated on the request,
/// once, and <see cref="SupervisorsOnlyBehaviour{TMessage, TResponse}"/> enforces it for every caller.
/// </summary>
public interface ISupervisorRequest;

/// <summary>The sender's role may not send this request; pages answer 403 (docs/architecture.md, "How a request flows").</summary>
public sealed class RequestNotPermittedException : Exception
{
    public RequestNotPermittedException(string request, string why) : base($"Not permitted to send {request}: {why}") => Request = request;

    public RequestNotPermittedException() { }

    public RequestNotPermittedException(string message, Exception innerException) : base(message, innerException) { }

    public string? Request { get; }
}

/// <summary>
/// Refuses an <see cref="ISupervisorRequest"/> from anyone who does not supervise, first in the pipeline
/// after logging: before the case-care rule and before validation, so a refused sender learns nothing
/// from the form's messages. The pages are closed to agents already; this holds for any other caller.
/// </summary>
public sealed class SupervisorsOnlyBehaviour<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is ISupervisorRequest && !user.Supervises)
        {
            throw new RequestNotPermittedException(typeof(TMessage).FullName ?? typeof(TMessage).Name, "only supervisors and administrators may");
        }

        return next(message, cancellationToken);
    }
}

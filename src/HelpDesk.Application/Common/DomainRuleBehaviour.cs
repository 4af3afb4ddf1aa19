using FluentValidation.Results;
using HelpDesk.Domain;

namespace HelpDesk.Application.Common;

/// <summary>
/// A rule of the policy the model enforces (a case cannot be resolved twice, a satisfaction score is
/// 1 to 5, ...) reaches the user like any other validation failure: a clear message, nothing stored.
/// </summary>
public sealed class DomainRuleBehaviour<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (DomainRuleException broken)
        {
            throw new ValidationException([new ValidationFailure("", broken.Message)]);
        }
    }
}

namespace HelpDesk.Application.Features.Complaints;

/// <summary>A command that acts on one existing case, named by its reference.</summary>
public interface ICaseStep
{
    string Reference { get; }
}

/// <summary>
/// Refuses a step on a case outside the sender's care (docs/architecture.md, "Who may act on a case")
/// before the command is validated, so that an agent of another department learns nothing from the
/// form's messages and gets the same 403 whatever they post. The handler checks again on the case
/// it loads (<see cref="CaseWork.FindCaseForAsync"/>), which also covers a referral made meanwhile.
/// </summary>
public sealed class CaseCareBehaviour<TMessage, TResponse>(HelpDeskDbContext db, ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is ICaseStep step && !user.Worker.Supervises && ReferenceNumber.Read(step.Reference) is { IsValid: true } reading)
        {
            var reference = reading.Reference!.Value.ToString();
            var owner = await db.Complaints.AsNoTracking()
                .Where(c => c.Reference == reference)
                .Select(c => new { c.DepartmentId, c.AssigneeId })
                .SingleOrDefaultAsync(cancellationToken);
            // A case that does not exist is the handler's to report (404), like a malformed reference is the validator's.
            if (owner is not null && !user.Worker.MayWorkOn(owner.DepartmentId, owner.AssigneeId))
            {
                throw new CaseActionNotPermittedException(reference, "work on a case outside their care");
            }
        }

        return await next(message, cancellationToken);
    }
}

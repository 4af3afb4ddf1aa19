namespace HelpDesk.Domain.Cases;

/// <summary>What staff can do to a case from its page; each is one command.</summary>
public enum CaseAction
{
    Acknowledge,
    Refer,
    Escalate,
    WaitOnCustomer,
    Resume,
    Extend,
    Resolve,
    FollowUp,
    Close,
    Reopen,
    AddInternalNote,
    AddCustomerUpdate,
}

/// <summary>
/// Who is asking. A few steps belong to supervisors (DESIGN.md, "Who uses it": reassignment,
/// escalation beyond the team lead, extensions); everything else any case worker may do.
/// </summary>
public sealed record CaseWorker(string? Id, bool Supervises);

public sealed partial class Complaint
{
    /// <summary>The steps the lifecycle allows now for <paramref name="worker"/>: the page shows these and no others.</summary>
    public IReadOnlySet<CaseAction> AllowedActions(CaseWorker worker) =>
        Enum.GetValues<CaseAction>().Where(action => Allows(action, worker)).ToHashSet();

    public bool Allows(CaseAction action, CaseWorker worker) => StateAllows(action) && RoleAllows(action, worker);

    /// <summary>Whether the case's state allows the step, whoever asks; the step's own method refuses with <see cref="RefusalFor"/>.</summary>
    public bool StateAllows(CaseAction action) => RefusalFor(action) is null;

    /// <summary>
    /// Whether <paramref name="worker"/>'s role allows the step, the state aside: reassigning a case
    /// someone else holds, escalating past tier 2 and extending a deadline are a supervisor's.
    /// </summary>
    public bool RoleAllows(CaseAction action, CaseWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return worker.Supervises || action switch
        {
            CaseAction.Extend => false,
            CaseAction.Escalate => EscalationTier < 2,
            CaseAction.Refer => AssigneeId is null || AssigneeId == worker.Id,
            _ => true,
        };
    }

    /// <summary>Why the case's state does not allow the step now, or null when it does.</summary>
    public string? RefusalFor(CaseAction action)
    {
        var status = Status.Describe().ToLowerInvariant();
        string NotFrom(string what) => $"A case that is {status} cannot be {what}.";
        string ReopenFirst(string what) => $"A {status} case cannot be {what}; reopen it first.";
        return action switch
        {
            CaseAction.Acknowledge => Status == CaseStatus.Logged ? null : NotFrom("acknowledged"),
            CaseAction.Refer => IsOpen ? null : ReopenFirst("referred"),
            CaseAction.Escalate => !IsOpen ? ReopenFirst("escalated")
                : EscalationTier >= HighestTier ? "The case is already with senior management (tier 3)." : null,
            CaseAction.WaitOnCustomer => Status is CaseStatus.Acknowledged or CaseStatus.InProgress ? null : NotFrom("put on hold for the customer"),
            CaseAction.Resume => Status == CaseStatus.WaitingOnCustomer ? null : NotFrom("resumed"),
            CaseAction.Extend => IsOpen ? null : ReopenFirst("extended"),
            CaseAction.Resolve => Status is CaseStatus.Logged or CaseStatus.Acknowledged or CaseStatus.InProgress ? null : NotFrom("resolved"),
            CaseAction.FollowUp => Status != CaseStatus.Resolved ? NotFrom("followed up")
                : FollowUpContactMade is not null ? "The follow-up has already been recorded." : null,
            CaseAction.Close => Status == CaseStatus.Resolved ? null : NotFrom("closed"),
            CaseAction.Reopen => Status is CaseStatus.Resolved or CaseStatus.Closed ? null : NotFrom("reopened"),
            CaseAction.AddInternalNote or CaseAction.AddCustomerUpdate => null,
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
    }

    private void Require(CaseAction action)
    {
        if (RefusalFor(action) is { } refusal)
        {
            throw new DomainRuleException(refusal);
        }
    }
}

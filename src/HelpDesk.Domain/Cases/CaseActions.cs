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

    /// <summary>
    /// Answer the customer from the composer (docs/email.md, "Replying from the case"): on any case not
    /// closed; by email only where the case has their address, else recorded as given by phone, letter or in person.
    /// </summary>
    Reply,
}

/// <summary>
/// Who is asking. A few steps belong to supervisors (docs/architecture.md, "Who may act on a case":
/// reassignment, escalation beyond the team lead, extensions); an agent acts only on the cases in
/// their care; everyone who works cases may read and search them all.
/// </summary>
/// <param name="DepartmentId">The agent's own department; none for staff who belong to no department.</param>
public sealed record CaseWorker(string? Id, bool Supervises, int? DepartmentId = null)
{
    /// <summary>
    /// Whether a case with this owner is in the worker's care: supervisors and administrators act on
    /// every case; an agent on the cases of their own department, the cases assigned to them, and the
    /// cases not yet referred anywhere (still with whoever took them, so someone can acknowledge them).
    /// </summary>
    public bool MayWorkOn(int? caseDepartmentId, string? caseAssigneeId) =>
        Supervises
        || (caseDepartmentId is null && caseAssigneeId is null)
        || (Id is not null && caseAssigneeId == Id)
        || (DepartmentId is not null && caseDepartmentId == DepartmentId);
}

public sealed partial class Complaint
{
    /// <summary>The steps the lifecycle allows now for <paramref name="worker"/>: the page shows these and no others.</summary>
    public IReadOnlySet<CaseAction> AllowedActions(CaseWorker worker) =>
        Enum.GetValues<CaseAction>().Where(action => Allows(action, worker)).ToHashSet();

    public bool Allows(CaseAction action, CaseWorker worker) => StateAllows(action) && RoleAllows(action, worker);

    /// <summary>Whether the case's state allows the step, whoever asks; the step's own method refuses with <see cref="RefusalFor"/>.</summary>
    public bool StateAllows(CaseAction action) => RefusalFor(action) is null;

    /// <summary>
    /// Whether <paramref name="worker"/>'s role allows the step, the state aside: only on a case in
    /// their care (<see cref="CaseWorker.MayWorkOn"/>), and reassigning a case someone else holds,
    /// escalating past tier 2 and extending a deadline are a supervisor's.
    /// </summary>
    public bool RoleAllows(CaseAction action, CaseWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return worker.Supervises || (worker.MayWorkOn(DepartmentId, AssigneeId) && action switch
        {
            CaseAction.Extend => false,
            CaseAction.Escalate => EscalationTier < 2,
            CaseAction.Refer => AssigneeId is null || AssigneeId == worker.Id,
            _ => true,
        });
    }

    /// <summary>Whether the case is in <paramref name="worker"/>'s care, whatever the step: see <see cref="CaseWorker.MayWorkOn"/>.</summary>
    public bool IsInTheCareOf(CaseWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return worker.MayWorkOn(DepartmentId, AssigneeId);
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
            // A closed case's conversation is over: the customer writing again starts a new case, so staff reopen first.
            CaseAction.Reply => Status == CaseStatus.Closed ? ReopenFirst("replied to") : null,
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

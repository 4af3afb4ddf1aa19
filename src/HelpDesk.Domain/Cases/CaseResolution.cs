namespace HelpDesk.Domain.Cases;

/// <summary>
/// One resolution of a case, as it was when recorded: who recorded it, when, the department the case
/// was with, and whether it met the resolution deadline then. A reopened case resolved again has two;
/// agent performance credits each to the one who recorded it (docs/kpis.md, "Agent performance").
/// </summary>
public sealed class CaseResolution
{
    private CaseResolution() { }

    internal CaseResolution(string? resolvedById, DateTimeOffset resolvedAt, int? departmentId, bool metDeadline, bool atFirstContact)
    {
        ResolvedById = resolvedById;
        ResolvedAt = resolvedAt.ToUniversalTime();
        DepartmentId = departmentId;
        MetDeadline = metDeadline;
        AtFirstContact = atFirstContact;
    }

    public long Id { get; private set; }
    public long ComplaintId { get; private set; }

    /// <summary>The member of staff who recorded it; null for the system.</summary>
    public string? ResolvedById { get; private set; }

    public DateTimeOffset ResolvedAt { get; private set; }
    public int? DepartmentId { get; private set; }

    /// <summary>Resolved at first contact, or by the resolution deadline in force when it was recorded.</summary>
    public bool MetDeadline { get; private set; }

    public bool AtFirstContact { get; private set; }

    /// <summary>The follow-up rating (1 to 5) given after this resolution; a reopening does not take it away.</summary>
    public int? Satisfaction { get; private set; }

    internal void RecordSatisfaction(int? satisfaction) => Satisfaction = satisfaction;
}

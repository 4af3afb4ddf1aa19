namespace HelpDesk.Domain.Cases;

/// <summary>Whom an escalation goes to: at tier 2 a team lead (a supervisor), at tier 3 senior management (an administrator).</summary>
public enum EscalationLevel
{
    TeamLead,
    SeniorManagement,
}

/// <summary>
/// Who takes a breached case at the next tier: at tier 2 a team lead (a supervisor), at tier 3 senior
/// management (an administrator); the case's own department first, then anyone in that role, then the
/// other role; never the person who has it now. Ties go by name, so the choice is repeatable
/// (docs/sweeper.md, "Who the new owner is").
/// </summary>
/// <param name="staff">The active supervisors and administrators with an email address, one entry per role they hold.</param>
/// <param name="departments">Every department's name by id.</param>
/// <param name="names">The names of the people who have the cases now.</param>
/// <param name="fallbackDepartment">Where a case goes when neither its new owner nor the case has a department.</param>
public sealed class BreachOwners(
    IEnumerable<BreachOwners.Candidate> staff,
    IReadOnlyDictionary<int, string> departments,
    IReadOnlyDictionary<string, string> names,
    int? fallbackDepartment)
{
    private readonly List<Candidate> _staff = [.. staff];

    public Owner? NextTierOwner(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var wanted = complaint.EscalationTier + 1 >= Complaint.HighestTier ? EscalationLevel.SeniorManagement : EscalationLevel.TeamLead;
        var candidate = _staff
            .Where(s => s.Id != complaint.AssigneeId)
            .OrderBy(s => s.Level == wanted ? 0 : 1)
            .ThenBy(s => s.DepartmentId == complaint.DepartmentId ? 0 : 1)
            .ThenBy(s => s.DisplayName, StringComparer.Ordinal)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .FirstOrDefault();
        if (candidate is null)
        {
            return null;
        }

        // The new owner's own department takes the case; one with none leaves it where it is.
        var departmentId = candidate.DepartmentId ?? complaint.DepartmentId ?? fallbackDepartment;
        if (departmentId is null)
        {
            return null;
        }

        return new Owner(new Referral(departmentId.Value, departments[departmentId.Value], candidate.Id, candidate.DisplayName), candidate.Email);
    }

    /// <summary>Who has the case now, in words, for the timeline's "from" value.</summary>
    public string Describe(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        var department = complaint.DepartmentId is { } id && departments.TryGetValue(id, out var name) ? name : null;
        var assignee = complaint.AssigneeId is { } userId && names.TryGetValue(userId, out var person) ? person : null;
        return (department, assignee) switch
        {
            (null, null) => "Unassigned",
            (null, { } a) => a,
            ({ } d, null) => d,
            ({ } d, { } a) => $"{a} ({d})",
        };
    }

    public sealed record Owner(Referral Referral, string Email);

    public sealed record Candidate(string Id, string DisplayName, string Email, int? DepartmentId, EscalationLevel Level);
}

namespace HelpDesk.Domain.Staff;

/// <summary>A team cases are referred to; the department receiving a referral is responsible for resolving it (004).</summary>
public sealed class Department
{
    public const int NameMaxLength = 100;

    private Department() { }

    public Department(string name, string? supervisorId = null)
    {
        Rename(name);
        SupervisorId = supervisorId;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The supervisor escalations from this department go to first (tier 2).</summary>
    public string? SupervisorId { get; private set; }

    public void Rename(string name) =>
        Name = string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength
            ? throw new DomainRuleException($"A department needs a name of at most {NameMaxLength} characters.")
            : name.Trim();

    public void SetSupervisor(string? supervisorId) => SupervisorId = supervisorId;
}

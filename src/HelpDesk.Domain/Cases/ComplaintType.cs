namespace HelpDesk.Domain.Cases;

/// <summary>The category that selects a case's SLA targets (Billing issues, Product defects, ...).</summary>
public sealed class ComplaintType
{
    public const int NameMaxLength = 100;

    private ComplaintType() { }

    public ComplaintType(string name)
    {
        Name = RequireName(name);
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Retired types stay on old cases but are not offered for new ones.</summary>
    public bool IsActive { get; private set; }

    /// <summary>
    /// The department a complaint of this type made on the public form is referred to; none means
    /// the desk's default department takes it.
    /// </summary>
    public int? DefaultDepartmentId { get; private set; }

    public void ReferNewComplaintsTo(int? departmentId) => DefaultDepartmentId = departmentId;

    /// <summary>Cases keep the type by id, so they show the new name too.</summary>
    public void Rename(string name) => Name = RequireName(name);

    /// <summary>No longer offered for new cases; cases that have it keep it, and SLA rows naming it stay.</summary>
    public void Retire()
    {
        if (!IsActive)
        {
            throw new DomainRuleException($"The complaint type {Name} is already retired.");
        }

        IsActive = false;
    }

    public void Reactivate()
    {
        if (IsActive)
        {
            throw new DomainRuleException($"The complaint type {Name} is already offered for new cases.");
        }

        IsActive = true;
    }

    private static string RequireName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainRuleException("A complaint type needs a name.");
        }

        var trimmed = name.Trim();
        return trimmed.Length <= NameMaxLength
            ? trimmed
            : throw new DomainRuleException($"A complaint type's name is at most {NameMaxLength} characters.");
    }
}

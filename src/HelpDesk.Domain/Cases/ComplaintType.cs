namespace HelpDesk.Domain.Cases;

/// <summary>The category that selects a case's SLA targets (Billing issues, Product defects, ...).</summary>
public sealed class ComplaintType
{
    public const int NameMaxLength = 100;

    private ComplaintType() { }

    public ComplaintType(string name)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new DomainRuleException("A complaint type needs a name.") : name.Trim();
        IsActive = true;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Retired types stay on old cases but are not offered for new ones.</summary>
    public bool IsActive { get; private set; }
}

namespace HelpDesk.Domain.Cases;

/// <summary>Who did something to a case: a signed-in staff member, or the system itself.</summary>
public sealed record Actor(string? Id, string DisplayName)
{
    public static readonly Actor System = new(null, "HelpDesk");
}

using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Identity;

/// <summary>A member of staff who signs in: an agent, a supervisor or an administrator.</summary>
public sealed class StaffUser : IdentityUser
{
    public const int DisplayNameMaxLength = 100;

    public string DisplayName { get; set; } = "";

    /// <summary>Deactivated staff cannot sign in; their cases stay and can be reassigned.</summary>
    public bool IsActive { get; set; } = true;

    public int? DepartmentId { get; set; }

    /// <summary>
    /// Set for a new member of staff, whose initial password an administrator chose and passed on:
    /// until they choose their own, every staff page sends them to change it (docs/security.md).
    /// </summary>
    public bool MustChangePassword { get; set; }
}

public static class StaffRoles
{
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Administrator = "Administrator";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Administrator];

    /// <summary>Everyone who works cases: agents and the roles above them.</summary>
    public const string CaseWorkers = Agent + "," + Supervisor + "," + Administrator;
}

public static class StaffClaims
{
    public const string DisplayName = "helpdesk:display_name";

    /// <summary>The id of the department the member of staff belongs to, when they belong to one.</summary>
    public const string Department = "helpdesk:department";
}

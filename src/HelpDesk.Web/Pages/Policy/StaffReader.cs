using System.Security.Claims;

namespace HelpDesk.Web.Pages.Policy;

internal static class StaffReader
{
    /// <summary>Staff-only versions are for signed-in staff of any role; everyone else reads the public ones.</summary>
    public static bool IsStaff(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && StaffRoles.All.Any(user.IsInRole);
}

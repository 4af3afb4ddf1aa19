using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// Puts the display name and department in the sign-in cookie, so the timeline can name who acted and
/// the case page can tell which cases are in an agent's care without a lookup. A change of department
/// changes the security stamp, so no session keeps an old department.
/// </summary>
public sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.DisplayName, user.DisplayName));
        if (user.DepartmentId is { } department)
        {
            identity.AddClaim(new Claim(StaffClaims.Department, department.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}

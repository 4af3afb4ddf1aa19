using System.Security.Claims;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Web.Hosting;

/// <summary>The signed-in member of staff; outside a request (start-up seeding), HelpDesk itself.</summary>
public sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    public Actor Actor
    {
        get
        {
            var user = accessor.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated != true)
            {
                return Actor.System;
            }

            var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
            var name = user.FindFirstValue(StaffClaims.DisplayName) ?? user.Identity.Name ?? "Staff";
            return new Actor(id, name);
        }
    }

    public bool Supervises =>
        accessor.HttpContext?.User is { } user && (user.IsInRole(StaffRoles.Supervisor) || user.IsInRole(StaffRoles.Administrator));

    public int? DepartmentId =>
        int.TryParse(accessor.HttpContext?.User.FindFirstValue(StaffClaims.Department), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
}

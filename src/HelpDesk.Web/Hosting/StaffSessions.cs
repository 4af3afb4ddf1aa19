using System.Security.Claims;
using HelpDesk.Application.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Hosting;

/// <summary>
/// How long a staff session lasts. Deactivating someone, changing their role or their password changes
/// their security stamp; every request compares the session's stamp with the stored one (one indexed
/// lookup), so the old session stops at its very next request rather than at Identity's next periodic
/// check. Failed sign-ins are counted atomically (<see cref="StaffAccounts"/>) and every one costs the
/// same work (<see cref="StaffSignIn"/>).
/// </summary>
public static class StaffSessions
{
    public static IServiceCollection AddStaffSessions(this IServiceCollection services)
    {
        services.AddScoped<StaffAccounts>();
        services.AddScoped<UserManager<StaffUser>>(provider => provider.GetRequiredService<StaffAccounts>());
        // Every failed sign-in costs the same work, so its timing reveals no accounts (StaffSignIn).
        services.AddSingleton<StandInPasswordHash>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<SignInManager<StaffUser>>(provider => provider.GetRequiredService<StaffSignIn>());
        // Identity's own check, which also refreshes roles and display name in the cookie, runs every minute.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options => options.Events.OnValidatePrincipal = ValidateAsync);
        return services;
    }

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var stampClaim = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var userId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessionStamp = principal?.FindFirstValue(stampClaim);
        var db = context.HttpContext.RequestServices.GetRequiredService<HelpDeskDbContext>();
        var stored = userId is null
            ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.SecurityStamp, u.IsActive, u.MustChangePassword, u.TwoFactorEnabled }).SingleOrDefaultAsync(context.HttpContext.RequestAborted);
        if (stored is null || !stored.IsActive || sessionStamp is null || !string.Equals(stored.SecurityStamp, sessionStamp, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // What the account still has to do before it may work (AccountSetupFilter), read in the same lookup.
        context.HttpContext.Features.Set(new StaffSessionState(stored.MustChangePassword, stored.TwoFactorEnabled));
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}

/// <summary>The signed-in account's state as stored, read once per request by <see cref="StaffSessions.ValidateAsync"/>.</summary>
public sealed record StaffSessionState(bool MustChangePassword, bool TwoFactorEnabled);

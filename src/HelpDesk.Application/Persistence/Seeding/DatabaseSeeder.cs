using HelpDesk.Application.Identity;
using HelpDesk.Domain.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Persistence.Seeding;

/// <summary>
/// Puts in what DESIGN.md names as defaults, idempotently: every start may run it, and running it
/// twice changes nothing.
/// </summary>
public sealed class DatabaseSeeder(HelpDeskDbContext db, RoleManager<IdentityRole> roles, UserManager<StaffUser> users)
{
    public static readonly IReadOnlyList<string> DefaultComplaintTypes = ["General", "Billing issues", "Product defects", "Service outage"];

    public async Task SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.ComplaintTypes.Select(t => t.Name).ToListAsync(cancellationToken);
        foreach (var name in DefaultComplaintTypes.Except(existing, StringComparer.OrdinalIgnoreCase))
        {
            db.ComplaintTypes.Add(new ComplaintType(name));
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create the {role} role");
            }
        }
    }

    /// <summary>Creates a staff member unless one with that email exists; returns the stored one.</summary>
    public async Task<StaffUser> EnsureStaffAsync(string email, string displayName, string password, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
            Check(await users.CreateAsync(user, password), $"create {email}");
        }

        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role), $"give {email} the {role} role");
        }

        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}

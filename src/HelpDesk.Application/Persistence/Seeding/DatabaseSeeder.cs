using HelpDesk.Application.Identity;
using HelpDesk.Domain.Messages;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Persistence.Seeding;

/// <summary>
/// Puts in the policy's defaults (docs/sla-rules.md, "The SLA table"; docs/messages.md), idempotently: every start may run it, and running it
/// twice changes nothing.
/// </summary>
public sealed partial class DatabaseSeeder(HelpDeskDbContext db, RoleManager<IdentityRole> roles, UserManager<StaffUser> users, IOptions<HelpDeskOptions> options, DeskClock clock)
{
    public static readonly IReadOnlyList<string> DefaultComplaintTypes = ["General", "Billing issues", "Product defects", "Service outage"];

    /// <summary>Every case needs a department to be referred to: a fresh install has this one.</summary>
    public const string DefaultDepartment = "Customer Service";

    public async Task SeedDefaultsAsync(CancellationToken cancellationToken)
    {
        var existing = await db.ComplaintTypes.Select(t => t.Name).ToListAsync(cancellationToken);
        foreach (var name in DefaultComplaintTypes.Except(existing, StringComparer.OrdinalIgnoreCase))
        {
            db.ComplaintTypes.Add(new ComplaintType(name));
        }

        await db.SaveChangesAsync(cancellationToken);
        await SeedSlaTableAsync(cancellationToken);
        await EnsureDepartmentAsync(DefaultDepartment, cancellationToken);
        await SeedPolicyAsync(cancellationToken);
        await SeedMessageTemplatesAsync(cancellationToken);
        await SeedKpiTargetsAsync(cancellationToken);

        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create the {role} role");
            }
        }
    }

    /// <summary>
    /// The policy's SLA table (docs/sla-rules.md), on the "office" (Monday–Saturday 09:00–21:00) and "24/7" calendars in the
    /// configured zone. Only into an empty table: administrators' edits are never overwritten.
    /// </summary>
    private async Task SeedSlaTableAsync(CancellationToken cancellationToken)
    {
        if (await db.SlaRules.AnyAsync(cancellationToken))
        {
            return;
        }

        var zone = options.Value.TimeZone;
        var office = await db.Calendars.SingleOrDefaultAsync(c => c.Name == BusinessCalendar.OfficeName, cancellationToken);
        if (office is null)
        {
            office = CalendarDefinition.From(BusinessCalendar.Office(zone));
            db.Calendars.Add(office);
        }

        var aroundTheClock = await db.Calendars.SingleOrDefaultAsync(c => c.Name == BusinessCalendar.AroundTheClockName, cancellationToken);
        if (aroundTheClock is null)
        {
            aroundTheClock = CalendarDefinition.From(BusinessCalendar.AroundTheClock(zone));
            db.Calendars.Add(aroundTheClock);
        }

        await db.SaveChangesAsync(cancellationToken);
        var types = await db.ComplaintTypes.ToDictionaryAsync(t => t.Name, t => t.Id, cancellationToken);
        var seeded = SlaTable.Seeded(
            new SeededComplaintTypes(types["Billing issues"], types["Product defects"], types["Service outage"]),
            office.ToBusinessCalendar(),
            aroundTheClock.ToBusinessCalendar());
        foreach (var row in seeded.Rows)
        {
            var calendarId = row.Calendar.Name == office.Name ? office.Id : aroundTheClock.Id;
            db.SlaRules.Add(SlaRule.Create(row.ComplaintTypeId, row.Priority, calendarId, row.Acknowledge, row.Resolve, row.FollowUp));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The standard wording of every message that has none yet, and the current standard wording of
    /// every message nobody has edited (a new release may improve it): administrators' edits are never
    /// overwritten.
    /// </summary>
    private async Task SeedMessageTemplatesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.MessageTemplates.ToDictionaryAsync(t => t.Key, cancellationToken);
        foreach (var message in StandardMessages.All)
        {
            if (!existing.TryGetValue(message.Key, out var template))
            {
                db.MessageTemplates.Add(MessageTemplate.Standard(message));
            }
            else if (template.UpdatedAt is null)
            {
                template.ResetToStandard();
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<Department> EnsureDepartmentAsync(string name, CancellationToken cancellationToken)
    {
        var department = await db.Departments.SingleOrDefaultAsync(d => d.Name == name, cancellationToken);
        if (department is null)
        {
            department = new Department(name);
            db.Departments.Add(department);
            await db.SaveChangesAsync(cancellationToken);
        }

        return department;
    }

    /// <summary>Creates a staff member unless one with that email exists; returns the stored one.</summary>
    public async Task<StaffUser> EnsureStaffAsync(string email, string displayName, string password, string role, int? departmentId = null)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, DepartmentId = departmentId };
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

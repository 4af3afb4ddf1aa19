using FluentValidation.Results;
using HelpDesk.Application.Identity;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Application.Features.Staff;

/// <summary>
/// What staff administration checks against the database. Ids posted in a form are never trusted: the
/// role must be one of HelpDesk's, the department and the user must exist.
/// </summary>
internal static class StaffRules
{
    public static ValidationException Invalid(string property, string message) => new([new ValidationFailure(property, message)]);

    public static IRuleBuilderOptions<T, string?> MustBeAStaffRole<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Choose a role.")
            .Must(r => r is null || StaffRoles.All.Contains(r, StringComparer.Ordinal)).WithMessage("Choose one of the listed roles.");

    public static IRuleBuilderOptions<T, int?> MustBeADepartment<T>(this IRuleBuilder<T, int?> rule, HelpDeskDbContext db) =>
        rule.NotNull().WithMessage("Choose a department.").MustBeAnExistingDepartment(db);

    public static IRuleBuilderOptions<T, int?> MustBeAnExistingDepartment<T>(this IRuleBuilder<T, int?> rule, HelpDeskDbContext db) =>
        rule.MustAsync(async (id, cancellationToken) => id is null || await db.Departments.AnyAsync(d => d.Id == id, cancellationToken))
            .WithMessage("Choose one of the listed departments.");

    /// <summary>Agents and supervisors work cases referred to a department; an administrator may stand outside them.</summary>
    public static bool NeedsADepartment(string? role) => role != StaffRoles.Administrator;

    public static async Task<StaffUser> FindStaffAsync(this UserManager<StaffUser> users, string? id, string property) =>
        (string.IsNullOrEmpty(id) ? null : await users.FindByIdAsync(id))
        ?? throw Invalid(property, "That member of staff does not exist.");

    /// <summary>
    /// Someone must always be able to administer HelpDesk: the last active administrator cannot be
    /// demoted or deactivated.
    /// </summary>
    public static async Task EnsureAnotherActiveAdministratorAsync(this HelpDeskDbContext db, StaffUser user, string property, string message, CancellationToken cancellationToken)
    {
        var administratorRoleId = await db.Roles.Where(r => r.Name == StaffRoles.Administrator).Select(r => r.Id).SingleAsync(cancellationToken);
        var isAdministrator = await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && ur.RoleId == administratorRoleId, cancellationToken);
        if (!isAdministrator || !user.IsActive)
        {
            return;
        }

        var others = await db.UserRoles
            .Where(ur => ur.RoleId == administratorRoleId && ur.UserId != user.Id)
            .Join(db.Users.Where(u => u.IsActive), ur => ur.UserId, u => u.Id, (ur, u) => u.Id)
            .AnyAsync(cancellationToken);
        if (!others)
        {
            throw Invalid(property, message);
        }
    }

    public static void Check(IdentityResult result, string property)
    {
        if (!result.Succeeded)
        {
            throw new ValidationException(result.Errors.Select(e => new ValidationFailure(property, e.Description)));
        }
    }

    /// <summary>
    /// The password is now one its owner chose (changed or reset by them), so the change due at first
    /// sign-in (<see cref="StaffUser.MustChangePassword"/>) is no longer.
    /// </summary>
    public static async Task PasswordChosenByOwnerAsync(this UserManager<StaffUser> users, StaffUser user, string property)
    {
        if (user.MustChangePassword)
        {
            user.MustChangePassword = false;
            Check(await users.UpdateAsync(user), property);
        }
    }
}

using FluentValidation;
using FluentValidation.Results;
using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Features.Complaints;

/// <summary>What every lifecycle step needs: the case by its reference, and who it is referred to, checked against the database.</summary>
internal static class CaseWork
{
    public static async Task<Complaint> FindCaseAsync(this HelpDeskDbContext db, string reference, CancellationToken cancellationToken)
    {
        var reading = ReferenceNumber.Read(reference);
        if (!reading.IsValid)
        {
            throw new CaseNotFoundException(reference);
        }

        var canonical = reading.Reference!.Value.ToString();
        return await db.Complaints.SingleOrDefaultAsync(c => c.Reference == canonical, cancellationToken)
            ?? throw new CaseNotFoundException(canonical);
    }

    /// <summary>
    /// The department and (optionally) person a case goes to. Ids posted in a form are never trusted:
    /// the department must exist and the person must be active staff of that department.
    /// </summary>
    public static async Task<Referral> ReferralAsync(this HelpDeskDbContext db, int departmentId, string? assigneeId, string departmentField, string assigneeField, CancellationToken cancellationToken)
    {
        var department = await db.Departments.AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw Invalid(departmentField, "Choose one of the listed departments.");
        if (string.IsNullOrEmpty(assigneeId))
        {
            return new Referral(departmentId, department, null, null);
        }

        var assignee = await db.Users.AsNoTracking()
            .Where(u => u.Id == assigneeId && u.IsActive && u.DepartmentId == departmentId)
            .Select(u => u.DisplayName)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw Invalid(assigneeField, "Choose an active member of staff in that department.");
        return new Referral(departmentId, department, assigneeId, assignee);
    }

    /// <summary>Who has the case now, in words, for the timeline's "from" value.</summary>
    public static async Task<string> OwnerAsync(this HelpDeskDbContext db, Complaint complaint, CancellationToken cancellationToken)
    {
        var department = complaint.DepartmentId is { } id
            ? await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var assignee = complaint.AssigneeId is { } userId
            ? await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken)
            : null;
        return (department, assignee) switch
        {
            (null, null) => "Unassigned",
            (null, { } a) => a,
            ({ } d, null) => d,
            ({ } d, { } a) => $"{a} ({d})",
        };
    }

    public static ValidationException Invalid(string property, string message) => new([new ValidationFailure(property, message)]);

    public static IRuleBuilderOptions<T, string> MustBeAReference<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(r => ReferenceNumber.Read(r).IsValid).WithMessage("That is not a case's reference number.");
}

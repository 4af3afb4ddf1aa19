using HelpDesk.Domain.Staff;

namespace HelpDesk.Application.Features.Staff;

internal static class DepartmentNames
{
    /// <summary>Names are unique whatever their case: "billing" and "Billing" would confuse a referral.</summary>
    public static Task<bool> AnyNamedAsync(this DbSet<Department> departments, string name, int? exceptId, CancellationToken cancellationToken)
    {
        var trimmed = name.Trim().ToUpperInvariant();
        return departments.AnyAsync(d => d.Name.ToUpper() == trimmed && d.Id != exceptId, cancellationToken);
    }
}

namespace HelpDesk.Application.Persistence;

/// <summary>A case with the names lists show it by, which the case itself holds only as ids.</summary>
internal sealed class NamedCase
{
    public required Complaint Case { get; init; }
    public required string ComplaintType { get; init; }
    public string? Department { get; init; }
    public string? Assignee { get; init; }
}

internal static class NamedCases
{
    /// <summary>
    /// Each case with its type's, department's and assignee's names, read as subqueries of the same
    /// statement: a list's next <c>Select</c> takes what it shows from here, and EF Core writes one
    /// SELECT of just those columns (a member-init, not a constructor, so EF can see through it).
    /// </summary>
    public static IQueryable<NamedCase> WithNames(this IQueryable<Complaint> cases, HelpDeskDbContext db) =>
        cases.Select(c => new NamedCase
        {
            Case = c,
            ComplaintType = db.ComplaintTypes.Where(t => t.Id == c.ComplaintTypeId).Select(t => t.Name).First(),
            Department = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            Assignee = db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
        });
}

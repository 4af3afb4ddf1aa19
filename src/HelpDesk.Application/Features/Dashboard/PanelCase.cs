using HelpDesk.Application.Persistence;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Features.Dashboard;

/// <summary>
/// What the dashboard's case panels read of each case: the names it is shown with, and the deadlines
/// document, from which the panel picks the clock that put the case there.
/// </summary>
internal sealed record PanelCase(
    long Id,
    string Reference,
    string Subject,
    string ComplaintType,
    string? Department,
    string? Assignee,
    CaseStatus Status,
    CaseDeadlines Deadlines);

internal static class PanelCases
{
    public static IQueryable<PanelCase> SelectPanelCases(this IQueryable<Complaint> cases, HelpDeskDbContext db) =>
        cases.Select(c => new PanelCase(
            c.Id,
            c.Reference,
            c.Subject,
            db.ComplaintTypes.Where(t => t.Id == c.ComplaintTypeId).Select(t => t.Name).First(),
            db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).FirstOrDefault(),
            db.Users.Where(u => u.Id == c.AssigneeId).Select(u => u.DisplayName).FirstOrDefault(),
            c.Status,
            c.Deadlines));
}

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
    CaseDeadlines Deadlines)
{
    /// <summary>The clocks a panel can list a case by: open and not paused (a paused clock is not running).</summary>
    public IEnumerable<CaseDeadline> RunningClocks => Deadlines.Clocks.Where(d => d.IsOpen && !d.IsPaused);
}

/// <summary>
/// What every case panel shows of a case: the case as named, and the deadline that put it on the
/// panel. Each panel adds how far that deadline is in its own terms.
/// </summary>
public abstract record PanelRow
{
    private protected PanelRow(PanelCase listed, CaseDeadline clock)
    {
        Id = listed.Id;
        Reference = listed.Reference;
        Subject = listed.Subject;
        ComplaintType = listed.ComplaintType;
        Department = listed.Department;
        Assignee = listed.Assignee;
        Status = listed.Status;
        Due = clock.Due;
        Deadline = DeadlineName(clock.Kind);
    }

    public long Id { get; }
    public string Reference { get; }
    public string Subject { get; }
    public string ComplaintType { get; }
    public string? Department { get; }
    public string? Assignee { get; }
    public CaseStatus Status { get; }
    public DateTimeOffset Due { get; }

    /// <summary>The deadline's name: "Acknowledge", "Resolve" or "Follow up".</summary>
    public string Deadline { get; }

    /// <summary>A deadline's name as the panels show it.</summary>
    public static string DeadlineName(DeadlineKind kind) =>
        kind switch { DeadlineKind.Acknowledgement => "Acknowledge", DeadlineKind.Resolution => "Resolve", _ => "Follow up" };
}

internal static class PanelCases
{
    public static IQueryable<PanelCase> SelectPanelCases(this IQueryable<Complaint> cases, HelpDeskDbContext db) =>
        cases.WithNames(db).Select(n => new PanelCase(
            n.Case.Id,
            n.Case.Reference,
            n.Case.Subject,
            n.ComplaintType,
            n.Department,
            n.Assignee,
            n.Case.Status,
            n.Case.Deadlines));
}

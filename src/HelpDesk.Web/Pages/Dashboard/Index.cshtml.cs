using HelpDesk.Application.Features.Complaints;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Features.Workspace;
using HelpDesk.Domain.Cases;
using HelpDesk.Web.Reports;
using Microsoft.AspNetCore.WebUtilities;

namespace HelpDesk.Web.Pages.Dashboard;

/// <summary>The supervisor's dashboard: what is overdue now and where it sits, what falls due soon, bulk reassign, and the last reviews.</summary>
public sealed class IndexModel(ISender sender, DeskClock clock, DeskTime time) : PageModel, IReloadsOnFailure
{
    public ListOverdueCases.Panel Overdue { get; private set; } = null!;

    public ListDueSoonCases.Panel DueSoon { get; private set; } = null!;

    public IReadOnlyList<ListLatestReviews.Latest> LatestReviews { get; private set; } = [];

    public ListCaseOwners.Owners Owners { get; private set; } = null!;

    /// <summary>The due soon window in business hours, chosen on the page.</summary>
    [BindProperty(SupportsGet = true, Name = "hours")]
    public int Hours { get; set; } = ListDueSoonCases.DefaultBusinessHours;

    [BindProperty]
    public ReassignForm Reassign { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>One table of the page as CSV: overdue, due-soon, or one of the overdue counts.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? table, CancellationToken cancellationToken)
    {
        var stamp = clock.ToLocal(clock.UtcNow).ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture);
        switch (table ?? "overdue")
        {
            case "overdue":
                var overdue = await sender.Send(new ListOverdueCases.Query(ListOverdueCases.ExportLimit), cancellationToken);
                return CsvDownload.From(
                    $"overdue-{stamp}.csv",
                    ["Reference", "Subject", "Deadline", "Was due (UTC)", "Overdue by", "Clock hours overdue", "Type", "Department", "Assignee", "Status"],
                    overdue.Rows,
                    r => [r.Reference, r.Subject, r.Deadline, r.Due, r.Standing, Math.Round(r.OverdueBy.TotalHours, 2), r.ComplaintType, r.Department, r.Assignee, r.Status.Describe()]);
            case "due-soon":
                var dueSoon = await sender.Send(new ListDueSoonCases.Query(ValidHours(), ListDueSoonCases.CandidateLimit), cancellationToken);
                return CsvDownload.From(
                    $"due-soon-{dueSoon.BusinessHours}h-{stamp}.csv",
                    ["Reference", "Subject", "Deadline", "Due (UTC)", "Due in", "Business hours left", "Calendar", "Type", "Department", "Assignee", "Status"],
                    dueSoon.Rows,
                    r => [r.Reference, r.Subject, r.Deadline, r.Due, r.DueInWords, Math.Round(r.DueIn.TotalHours, 2), r.CalendarName, r.ComplaintType, r.Department, r.Assignee, r.Status.Describe()]);
            case "overdue-by-department" or "overdue-by-type" or "overdue-by-assignee":
                var panel = await sender.Send(new ListOverdueCases.Query(), cancellationToken);
                var (heading, counts) = table switch
                {
                    "overdue-by-department" => ("Department", panel.ByDepartment),
                    "overdue-by-type" => ("Complaint type", panel.ByType),
                    _ => ("Assignee", panel.ByAssignee),
                };
                return CsvDownload.From($"{table}-{stamp}.csv", [heading, "Overdue cases"], counts, c => [c.Label, c.Cases]);
            default:
                return NotFound();
        }
    }

    [ValidationFailures(Prefix = nameof(Reassign))]
    public async Task<IActionResult> OnPostReassignAsync(CancellationToken cancellationToken)
    {
        var summary = await sender.Send(new ReassignCases.Command(Reassign.CaseIds, Reassign.DepartmentId, Blank(Reassign.AssigneeId), Blank(Reassign.Reason)), cancellationToken);
        TempData["Confirmation"] = summary.Describe();
        return RedirectToPage(new { hours = ValidHours() });
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Hours != ValidHours())
        {
            ModelState.AddModelError("hours", $"Choose a window of 1 to {ListDueSoonCases.MaximumBusinessHours} business hours; showing {ListDueSoonCases.DefaultBusinessHours}.");
            Hours = ListDueSoonCases.DefaultBusinessHours;
        }

        Overdue = await sender.Send(new ListOverdueCases.Query(), cancellationToken);
        DueSoon = await sender.Send(new ListDueSoonCases.Query(Hours), cancellationToken);
        LatestReviews = await sender.Send(new ListLatestReviews.Query(), cancellationToken);
        Owners = await sender.Send(new ListCaseOwners.Query(), cancellationToken);
    }

    private int ValidHours() => Hours is >= 1 and <= ListDueSoonCases.MaximumBusinessHours ? Hours : ListDueSoonCases.DefaultBusinessHours;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    public bool IsTicked(long id) => Reassign.CaseIds.Contains(id);

    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    /// <summary>
    /// The overdue queue narrowed by one filter, so a count leads to the cases behind it; a count with no
    /// key ("No department", "Unassigned") leads to the queue's "none" filter.
    /// </summary>
    public static string QueueLink(string filter, string? key) =>
        QueryHelpers.AddQueryString("/cases", new Dictionary<string, string?> { ["queue"] = ListCases.Queues.Overdue, [filter] = key ?? ListCases.None });

    public static string Clock(TimeSpan overdue) =>
        overdue.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)overdue.TotalHours} h {overdue.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{overdue.Minutes} min");

    /// <summary>"Last weekly review: 18 Nov 2026 by Sam Supervisor (week of ...)", or that there has been none.</summary>
    public string DescribeLatest(ListLatestReviews.Latest latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var kind = latest.Kind.ToString().ToLowerInvariant();
        return latest is { ReviewedAt: { } at, Period: { } period }
            ? $"Last {kind} review: {time.ShortDay(at)} by {latest.ReviewedBy} ({period.Describe()})"
            : $"No {kind} review recorded yet";
    }

    public sealed class ReassignForm
    {
        public List<long> CaseIds { get; set; } = [];

        public int? DepartmentId { get; set; }

        public string? AssigneeId { get; set; }

        public string? Reason { get; set; }
    }
}

using HelpDesk.Application.Features.Staff;
using HelpDesk.Web.Reports;

namespace HelpDesk.Web.Pages.Dashboard;

/// <summary>
/// A report for a chosen period and department (the KPIs, each member of staff's figures), shown as a
/// page and downloaded as CSV for the same choice. A period its query refuses is said beside the "to"
/// field (<see cref="FailedRequestFilter"/>), and the page shows no figures.
/// </summary>
[ValidationFailures(Key = nameof(To))]
public abstract class PeriodReportModel(ISender sender, DeskClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Department { get; set; }

    public ReportPeriod Chosen { get; private set; } = null!;

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    /// <summary>The departments to choose from, then the report.</summary>
    protected async Task<T?> LoadPageAsync<T>(Func<DateTimeOffset, DateTimeOffset, int?, IQuery<T>> query, CancellationToken cancellationToken)
        where T : class
    {
        Departments = await sender.Send(new ListDepartments.Query(), cancellationToken);
        return await LoadAsync(query, cancellationToken);
    }

    /// <summary>The report for the chosen period, or null (and why, beside the "to" field) when the period cannot be.</summary>
    protected async Task<T?> LoadAsync<T>(Func<DateTimeOffset, DateTimeOffset, int?, IQuery<T>> query, CancellationToken cancellationToken)
        where T : class
    {
        Chosen = ReportPeriod.Choose(Period, From, To, DateOnly.FromDateTime(clock.LocalNow));
        if (Chosen.Problem is { } problem)
        {
            ModelState.AddModelError(nameof(To), problem);
            return null;
        }

        return await sender.Send(query(Chosen.From(clock), Chosen.To(clock), Department), cancellationToken);
    }

    /// <summary>A download's file name: what it is, the period, and the department when one was chosen.</summary>
    protected string FileName(string report) =>
        $"{report}-{Chosen.First:yyyy-MM-dd}-to-{Chosen.Last:yyyy-MM-dd}{(Department is { } d ? string.Create(CultureInfo.InvariantCulture, $"-department-{d}") : "")}";

    /// <summary>The link to the page's CSV download for the period and department shown (a table of the page's when it has several).</summary>
    protected string CsvLinkTo(string page, string? table = null) =>
        Url.Page(page, "Csv", new
        {
            table,
            period = Chosen.Preset,
            from = Chosen.Preset == ReportPeriod.Custom ? Chosen.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            to = Chosen.Preset == ReportPeriod.Custom ? Chosen.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            department = Department,
        })!;
}

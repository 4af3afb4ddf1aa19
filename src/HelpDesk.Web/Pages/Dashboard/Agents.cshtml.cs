using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Web.Reports;

namespace HelpDesk.Web.Pages.Dashboard;

/// <summary>For supervisors: each member of staff's cases resolved in a period, their compliance and their customers' satisfaction.</summary>
public sealed class AgentsModel(ISender sender, DeskClock clock) : PeriodReportModel(sender, clock)
{
    public IReadOnlyList<GetAgentPerformance.Row>? Rows { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await LoadPageAsync(Query, cancellationToken);

    [BadRequestOnFailure]
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(Query, cancellationToken);
        if (rows is null)
        {
            return BadRequest();
        }

        return CsvDownload.From($"{FileName("agent-performance")}.csv", ["Member of staff", "Department", "Cases resolved", "Resolved by the deadline", "Resolution compliance %", "First contact resolution %", "Satisfaction answers", "CSAT %"], rows,
            r => [r.Name, r.Department, r.CasesResolved, r.ResolutionCompliance.Count, r.ResolutionCompliance.Percent, r.FirstContactResolution.Percent, r.CustomerSatisfaction.Of, r.CustomerSatisfaction.Percent]);
    }

    public string CsvLink() => CsvLinkTo("/Dashboard/Agents");

    private static GetAgentPerformance.Query Query(DateTimeOffset from, DateTimeOffset to, int? department) => new(from, to, department);
}

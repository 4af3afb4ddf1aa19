using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Features.Dashboard;
using HelpDesk.Application.Features.Staff;
using HelpDesk.Web.Reports;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Dashboard;

/// <summary>For supervisors: each member of staff's cases resolved in a period, their compliance and their customers' satisfaction.</summary>
public sealed class AgentsModel(ISender sender, DeskClock clock) : PageModel
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

    public IReadOnlyList<GetAgentPerformance.Row>? Rows { get; private set; }

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Departments = await sender.Send(new ListDepartments.Query(), cancellationToken);
        Rows = await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(cancellationToken);
        if (rows is null)
        {
            return BadRequest();
        }

        var name = $"agent-performance-{Chosen.First:yyyy-MM-dd}-to-{Chosen.Last:yyyy-MM-dd}{(Department is { } d ? string.Create(CultureInfo.InvariantCulture, $"-department-{d}") : "")}.csv";
        return CsvDownload.From(name, ["Member of staff", "Department", "Cases resolved", "Resolved by the deadline", "Resolution compliance %", "First contact resolution %", "Satisfaction answers", "CSAT %"], rows,
            r => [r.Name, r.Department, r.CasesResolved, r.ResolutionCompliance.Count, r.ResolutionCompliance.Percent, r.FirstContactResolution.Percent, r.CustomerSatisfaction.Of, r.CustomerSatisfaction.Percent]);
    }

    public string CsvLink() => Url.Page("/Dashboard/Agents", "Csv", new { period = Chosen.Preset, from = Chosen.Preset == ReportPeriod.Custom ? Chosen.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null, to = Chosen.Preset == ReportPeriod.Custom ? Chosen.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null, department = Department })!;

    private async Task<IReadOnlyList<GetAgentPerformance.Row>?> LoadAsync(CancellationToken cancellationToken)
    {
        Chosen = ReportPeriod.Choose(Period, From, To, DateOnly.FromDateTime(clock.LocalNow));
        if (Chosen.Problem is { } problem)
        {
            ModelState.AddModelError(nameof(To), problem);
            return null;
        }

        try
        {
            return await sender.Send(new GetAgentPerformance.Query(Chosen.From(clock), Chosen.To(clock), Department), cancellationToken);
        }
        catch (ValidationException failures)
        {
            ModelState.AddValidationFailuresTo(failures, nameof(To));
            return null;
        }
    }
}

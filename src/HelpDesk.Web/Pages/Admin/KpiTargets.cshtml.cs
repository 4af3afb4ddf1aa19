using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Reporting;

namespace HelpDesk.Web.Pages.Admin;

/// <summary>The targets the dashboard's KPIs are measured against: one row form per KPI; empty means no target.</summary>
public sealed class KpiTargetsModel(ISender sender) : PageModel, IReloadsOnFailure
{
    public IReadOnlyList<ListKpiTargets.Item> Targets { get; private set; } = [];

    /// <summary>What the administrator typed in the row that failed, so it re-renders as typed.</summary>
    public KpiMeasure? FailedMeasure { get; private set; }

    public string? FailedText { get; private set; }

    public static string FieldKey(KpiMeasure measure) => $"target-{measure}";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Targets = await sender.Send(new ListKpiTargets.Query(), cancellationToken);

    /// <summary>A refusal is said beside the target of the row that was posted.</summary>
    public string? FailedKey => FailedMeasure is { } m ? FieldKey(m) : "";

    public async Task<IActionResult> OnPostAsync(KpiMeasure? measure, string? target, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        FailedMeasure = measure;
        FailedText = target;
        var text = target?.Trim();
        decimal? value = null;
        if (!string.IsNullOrEmpty(text))
        {
            if (decimal.TryParse(text.TrimEnd('%').Trim(), NumberStyles.Number | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
            {
                value = parsed;
            }
            else
            {
                ModelState.AddModelError(FailedKey!, "Enter the target as a number, e.g. 95 or -10, or leave it empty for no target.");
            }
        }

        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        await sender.Send(new SetKpiTarget.Command(measure, value), cancellationToken);
        TempData["Confirmation"] = value is null
            ? $"{KpiTarget.Describe(measure!.Value)} now has no target."
            : string.Create(CultureInfo.InvariantCulture, $"{KpiTarget.Describe(measure!.Value)}: target saved as {value} {KpiTarget.UnitOf(measure.Value)}.");
        return RedirectToPage();
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        Targets = await sender.Send(new ListKpiTargets.Query(), cancellationToken);
        return Page();
    }

    public static string Show(decimal? target) => target?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";
}

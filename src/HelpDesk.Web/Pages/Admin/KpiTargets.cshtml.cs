using System.Globalization;
using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Domain.Reporting;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin;

/// <summary>The targets the dashboard's KPIs are measured against: one row form per KPI; empty means no target.</summary>
public sealed class KpiTargetsModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListKpiTargets.Item> Targets { get; private set; } = [];

    /// <summary>What the administrator typed in the row that failed, so it re-renders as typed.</summary>
    public KpiMeasure? FailedMeasure { get; private set; }

    public string? FailedText { get; private set; }

    public static string FieldKey(KpiMeasure measure) => $"target-{measure}";

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Targets = await sender.Send(new ListKpiTargets.Query(), cancellationToken);

    public async Task<IActionResult> OnPostAsync(KpiMeasure? measure, string? target, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        var key = measure is { } m ? FieldKey(m) : "";
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
                ModelState.AddModelError(key, "Enter the target as a number, e.g. 95 or -10, or leave it empty for no target.");
            }
        }

        if (ModelState.IsValid)
        {
            try
            {
                await sender.Send(new SetKpiTarget.Command(measure, value), cancellationToken);
                TempData["Confirmation"] = value is null
                    ? $"{KpiTarget.Describe(measure!.Value)} now has no target."
                    : string.Create(CultureInfo.InvariantCulture, $"{KpiTarget.Describe(measure!.Value)}: target saved as {value} {KpiTarget.UnitOf(measure.Value)}.");
                return RedirectToPage();
            }
            catch (ValidationException failures)
            {
                ModelState.AddValidationFailuresTo(failures, key);
            }
        }

        FailedMeasure = measure;
        FailedText = target;
        Targets = await sender.Send(new ListKpiTargets.Query(), cancellationToken);
        return Page();
    }

    public static string Show(decimal? target) => target?.ToString("0.#", CultureInfo.InvariantCulture) ?? "";
}

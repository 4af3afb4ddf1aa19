using FluentValidation;
using HelpDesk.Application.Features.Administration;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin.Sla;

public sealed class EditModel(ISender sender) : PageModel, ISlaRowPage
{
    [BindProperty]
    public SlaRowForm Input { get; set; } = new();

    public GetSlaRule.Row Row { get; private set; } = null!;

    public IReadOnlyList<ListCalendars.Item> Calendars { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = SlaRowForm.From(Row);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                var result = await sender.Send(new ChangeSlaRule.Command(id, Input.CalendarId, Input.Acknowledge.ToInput(), Input.Resolve.ToInput(),
                    Input.FollowUp.ToInput(), Input.ApplyToOpenCases), cancellationToken);
                TempData["Confirmation"] = SlaConfirmation.Of("Row saved.", result.CasesRecomputed, Input.ApplyToOpenCases);
                return RedirectToPage("Index");
            }
            catch (ConfigurationNotFoundException)
            {
                return NotFound();
            }
            catch (ValidationException failures)
            {
                ModelState.AddValidationFailures(failures, nameof(Input));
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRetireAsync(int id, bool applyRetirementToOpenCases, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        try
        {
            var result = await sender.Send(new RetireSlaRule.Command(id, applyRetirementToOpenCases), cancellationToken);
            TempData["Confirmation"] = SlaConfirmation.Of("Row retired.", result.CasesRecomputed, applyRetirementToOpenCases);
            return RedirectToPage("Index");
        }
        catch (ConfigurationNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationException failures)
        {
            ModelState.AddValidationFailures(failures, "");
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = SlaRowForm.From(Row);
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var row = await sender.Send(new GetSlaRule.Query(id), cancellationToken);
        if (row is null)
        {
            return false;
        }

        Row = row;
        Calendars = await sender.Send(new ListCalendars.Query(), cancellationToken);
        return true;
    }
}

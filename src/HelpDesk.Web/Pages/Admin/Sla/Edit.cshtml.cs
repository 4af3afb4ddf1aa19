using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Web.Pages.Admin.Sla;

public sealed class EditModel(ISender sender) : PageModel, IReloadsOnFailure, ISlaRowPage
{
    private int _rowId;
    private bool _retiring;

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
        _rowId = id;
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        var result = await sender.Send(new ChangeSlaRule.Command(id, Input.CalendarId, Input.Acknowledge.ToInput(), Input.Resolve.ToInput(),
            Input.FollowUp.ToInput(), Input.ApplyToOpenCases), cancellationToken);
        TempData["Confirmation"] = SlaConfirmation.Of("Row saved.", result.CasesRecomputed, Input.ApplyToOpenCases);
        return RedirectToPage("Index");
    }

    [ValidationFailures(Key = "")]
    public async Task<IActionResult> OnPostRetireAsync(int id, bool applyRetirementToOpenCases, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        (_rowId, _retiring) = (id, true);
        var result = await sender.Send(new RetireSlaRule.Command(id, applyRetirementToOpenCases), cancellationToken);
        TempData["Confirmation"] = SlaConfirmation.Of("Row retired.", result.CasesRecomputed, applyRetirementToOpenCases);
        return RedirectToPage("Index");
    }

    /// <summary>The retire form posts none of the row's fields, so after a refused retirement they show the row as it is.</summary>
    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(_rowId, cancellationToken))
        {
            return NotFound();
        }

        if (_retiring)
        {
            Input = SlaRowForm.From(Row);
        }

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

using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Web.Pages.Admin.Sla;

/// <summary>What the shared row fields need from the page they are on.</summary>
public interface ISlaRowPage
{
    SlaRowForm Input { get; }
    IReadOnlyList<ListCalendars.Item> Calendars { get; }
}

public sealed class NewModel(ISender sender) : PageModel, IReloadsOnFailure, ISlaRowPage
{
    [BindProperty]
    public SlaRowForm Input { get; set; } = new();

    public IReadOnlyList<ListComplaintTypes.Item> Types { get; private set; } = [];

    public IReadOnlyList<ListCalendars.Item> Calendars { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new SlaRowForm
        {
            Acknowledge = new SlaRowForm.TargetForm { Unit = SlaUnit.WorkingDays },
            Resolve = new SlaRowForm.TargetForm { Unit = SlaUnit.WorkingDays },
            FollowUp = new SlaRowForm.TargetForm { Unit = SlaUnit.WorkingDays },
        };
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        var result = await sender.Send(new AddSlaRule.Command(Input.ComplaintTypeId, Input.Priority, Input.CalendarId,
            Input.Acknowledge.ToInput(), Input.Resolve.ToInput(), Input.FollowUp.ToInput(), Input.ApplyToOpenCases), cancellationToken);
        TempData["Confirmation"] = SlaConfirmation.Of("Row added.", result.CasesRecomputed, Input.ApplyToOpenCases);
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Types = await sender.Send(new ListComplaintTypes.Query(), cancellationToken);
        Calendars = await sender.Send(new ListCalendars.Query(), cancellationToken);
    }
}

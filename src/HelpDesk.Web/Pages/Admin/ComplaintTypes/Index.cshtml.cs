using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Web.Pages.Admin.ComplaintTypes;

public sealed class IndexModel(ISender sender) : PageModel, IReloadsOnFailure
{
    public IReadOnlyList<ListAllComplaintTypes.Item> Types { get; private set; } = [];

    [BindProperty]
    public NameForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Types = await sender.Send(new ListAllComplaintTypes.Query(), cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new AddComplaintType.Command(Input.Name), cancellationToken);
        TempData["Confirmation"] = $"Added {Input.Name!.Trim()}. It is offered on the log form now.";
        return RedirectToPage();
    }

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostRetireAsync(int id, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new RetireComplaintType.Command(id, true), "Retired: no longer offered for new cases. Cases that have it keep it.", cancellationToken);

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new RetireComplaintType.Command(id, false), "Reactivated: offered for new cases again.", cancellationToken);

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public sealed class NameForm
    {
        public string? Name { get; set; }
    }
}

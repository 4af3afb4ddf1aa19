using HelpDesk.Application.Features.Responses;

namespace HelpDesk.Web.Pages.Admin.Responses;

public sealed class IndexModel(ISender sender) : PageModel, IReloadsOnFailure
{
    public IReadOnlyList<ListCannedResponses.Item> Responses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Responses = await sender.Send(new ListCannedResponses.Query(IncludeRetired: true), cancellationToken);

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostRetireAsync(int id, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new RetireCannedResponse.Command(id), "Retired: no longer offered in the composer. Replies sent with it stay as sent.", cancellationToken);

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return Page();
    }
}

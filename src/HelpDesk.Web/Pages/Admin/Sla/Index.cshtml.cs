using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Web.Pages.Admin.Sla;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListSlaRules.Item> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await sender.Send(new ListSlaRules.Query(IncludeRetired: true), cancellationToken);
}

using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Web.Pages.Admin;

public sealed class ChangesModel(ISender sender) : PageModel
{
    public ListConfigurationChanges.Result Changes { get; private set; } = null!;

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken) =>
        Changes = await sender.Send(new ListConfigurationChanges.Query(page ?? 1), cancellationToken);
}

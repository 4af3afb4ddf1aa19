using HelpDesk.Application.Features.Administration;

namespace HelpDesk.Web.Pages.Admin.Calendars;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListCalendars.Item> Calendars { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Calendars = await sender.Send(new ListCalendars.Query(), cancellationToken);
}

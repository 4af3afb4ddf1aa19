using HelpDesk.Application.Features.Messages;

namespace HelpDesk.Web.Pages.Admin.Messages;

public sealed class TemplatesModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListMessageTemplates.Item> Templates { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Templates = await sender.Send(new ListMessageTemplates.Query(), cancellationToken);
}

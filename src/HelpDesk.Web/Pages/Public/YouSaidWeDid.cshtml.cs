using HelpDesk.Application.Features.Suggestions;

namespace HelpDesk.Web.Pages.Public;

/// <summary>The changes made because someone suggested them (004: "inform customers of any changes made … as a result of their suggestions").</summary>
[AllowAnonymous]
public sealed class YouSaidWeDidModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListYouSaidWeDid.Item> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await sender.Send(new ListYouSaidWeDid.Query(), cancellationToken);
}

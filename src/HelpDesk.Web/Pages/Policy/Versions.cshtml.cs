using HelpDesk.Application.Features.Policy;

namespace HelpDesk.Web.Pages.Policy;

[AllowAnonymous]
public sealed class VersionsModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListPolicyVersions.Item> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Versions = await sender.Send(new ListPolicyVersions.Query(User.IsStaff()), cancellationToken);
}

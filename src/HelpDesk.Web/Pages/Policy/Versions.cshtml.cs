using HelpDesk.Application.Features.Policy;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Policy;

[AllowAnonymous]
public sealed class VersionsModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListPolicyVersions.Item> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Versions = await sender.Send(new ListPolicyVersions.Query(User.IsStaff()), cancellationToken);
}

using HelpDesk.Application.Features.Policy;

namespace HelpDesk.Web.Pages.Policy;

/// <summary>The policy in force, for anyone, with the SLA table the deadlines come from beside it.</summary>
[AllowAnonymous]
public sealed class IndexModel(ISender sender) : PageModel
{
    public PolicyVersionView? Policy { get; private set; }

    public IReadOnlyList<GetSlaTableInForce.Row> SlaTable { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Policy = await sender.Send(new GetPublishedPolicy.Query(), cancellationToken);
        SlaTable = await sender.Send(new GetSlaTableInForce.Query(), cancellationToken);
    }
}

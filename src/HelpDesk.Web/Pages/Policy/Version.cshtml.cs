using HelpDesk.Application.Features.Policy;

namespace HelpDesk.Web.Pages.Policy;

/// <summary>One version; a staff-only one is not found for anyone but signed-in staff, so its existence is not revealed.</summary>
[AllowAnonymous]
public sealed class VersionModel(ISender sender) : PageModel
{
    public PolicyVersionView Policy { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int number, CancellationToken cancellationToken)
    {
        var version = await sender.Send(new GetPolicyVersion.Query(number, User.IsStaff()), cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        Policy = version;
        return Page();
    }
}

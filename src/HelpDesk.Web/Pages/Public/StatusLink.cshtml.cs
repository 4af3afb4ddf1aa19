using HelpDesk.Application.Features.Customers;

namespace HelpDesk.Web.Pages.Public;

/// <summary>
/// The signed link in a case email (docs/security.md, "The customer's status link"): a genuine one lets
/// this browser into its case and goes on to <c>/status</c>, so the token leaves the address bar; an
/// expired, altered or forged one goes to the lookup form, which says so.
/// </summary>
[AllowAnonymous]
public sealed class StatusLinkModel(StatusLink links, CustomerCaseAccess access) : PageModel
{
    public IActionResult OnGet(string token)
    {
        if (links.Read(token) is not { } visit)
        {
            access.End(HttpContext);
            return RedirectToPage("/Public/Status", new { notice = "link" });
        }

        access.Grant(HttpContext, visit);
        return RedirectToPage("/Public/Status");
    }
}

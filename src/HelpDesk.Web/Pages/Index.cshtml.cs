namespace HelpDesk.Web.Pages;

/// <summary>
/// The public home page (docs/public-forms.md, "The home page"): what a customer can do here, and the
/// staff sign-in; staff already signed in get a link to their queue.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}

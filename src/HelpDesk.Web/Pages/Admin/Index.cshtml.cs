namespace HelpDesk.Web.Pages.Admin;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}

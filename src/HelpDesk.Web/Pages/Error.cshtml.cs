using System.Diagnostics;

namespace HelpDesk.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Explanation { get; private set; } = "HelpDesk could not complete that request. Nothing you entered has been half-saved; please try again.";
    public string? RequestId { get; private set; }

    public void OnGet(int? statusCode) => Describe(statusCode);

    public void OnPost(int? statusCode) => Describe(statusCode);

    private void Describe(int? statusCode)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        // Checked before the status: a re-executed POST whose form cannot be read cannot bind one either.
        if (HttpContext.Items.ContainsKey(NulRefusal.Refused))
        {
            Title = "That request could not be accepted";
            Explanation = NulRefusal.Explanation;
            return;
        }

        switch (statusCode)
        {
            case 404:
                Title = "Page not found";
                Explanation = "There is nothing at this address. Check the link, or use the reference number search at the top of the page.";
                RequestId = null;
                break;
            case 400:
                Title = "That request could not be accepted";
                Explanation = "The form may have expired or been changed. Go back, reload the page and try again.";
                break;
            case 403:
                Title = "Not allowed";
                Explanation = "Your role does not allow this.";
                break;
            case 429:
                Title = "Too many requests";
                Explanation = "Please wait a minute and try again.";
                break;
        }
    }
}

using HelpDesk.Application.Features.Customers;

namespace HelpDesk.Web.Pages.Public;

/// <summary>
/// A customer checks a case. The form posts (rather than a GET query) so the email never lands in
/// logs or browser history, and the answer is rendered straight from the post, never stored.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicFormLimits.Policy)]
public sealed class StatusModel(ISender sender) : PageModel
{
    public const string NotFoundMessage = "We could not find a case with that reference and email (or phone number). Please check both and try again.";

    [BindProperty]
    public LookupForm Input { get; set; } = new();

    public GetCaseStatus.Status? Found { get; private set; }

    public bool NothingFound { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Found = await sender.Send(new GetCaseStatus.Query(Input.Reference, Input.Contact), cancellationToken);
        NothingFound = Found is null;
        if (NothingFound)
        {
            // Nothing typed is echoed back, so the answer is the same whichever of the two was wrong.
            ModelState.Clear();
            Input = new LookupForm();
        }

        return Page();
    }

    public sealed class LookupForm
    {
        public string? Reference { get; set; }
        public string? Contact { get; set; }
    }
}

using System.Security.Claims;
using HelpDesk.Application.Features.Suggestions;
using HelpDesk.Domain.Suggestions;

namespace HelpDesk.Web.Pages.Public;

/// <summary>
/// Anyone leaves a suggestion (004's website suggestion form). Signed-in staff get the same form with
/// "staff" as a source and their own name and email filled in; they also use it to copy entries from
/// the suggestion book at Reception, choosing "customer" or "partner".
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(PublicFormLimits.Policy)]
public sealed class NewSuggestionModel(ISender sender) : PageModel
{
    [BindProperty]
    public SuggestionForm Input { get; set; } = new();

    public bool Received { get; private set; }

    /// <summary>After the redirect: whether the person will hear the outcome by email.</summary>
    public bool WillBeEmailed { get; private set; }

    public bool IsStaff => User.Identity?.IsAuthenticated == true;

    public IReadOnlyList<SuggestionSource> Sources => IsStaff
        ? [SuggestionSource.Staff, SuggestionSource.Customer, SuggestionSource.Partner]
        : [SuggestionSource.Customer, SuggestionSource.Partner];

    public void OnGet()
    {
        Input = IsStaff
            ? new SuggestionForm { FormToken = Guid.NewGuid(), Source = SuggestionSource.Staff, Name = User.FindFirstValue(Application.Identity.StaffClaims.DisplayName), Email = User.FindFirstValue(ClaimTypes.Email) }
            : new SuggestionForm { FormToken = Guid.NewGuid(), Source = SuggestionSource.Customer };
    }

    public IActionResult OnGetReceived()
    {
        Received = true;
        WillBeEmailed = TempData["SuggestionEmailed"] is true;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new LeaveSuggestion.Command
        {
            FormToken = Input.FormToken,
            Website = Input.Website,
            Name = Input.Name,
            Email = Input.Email,
            Source = Input.Source,
            Text = Input.Text,
        }, cancellationToken);
        TempData["SuggestionEmailed"] = !string.IsNullOrWhiteSpace(Input.Email);
        return RedirectToPage(null, "Received");
    }

    public static string Describe(SuggestionSource source) => source switch
    {
        SuggestionSource.Customer => "A customer",
        SuggestionSource.Partner => "A partner organisation",
        _ => "A member of staff",
    };

    public sealed class SuggestionForm
    {
        public Guid? FormToken { get; set; }
        public string? Website { get; set; }
        public string? Name { get; set; }
        public string? Email { get; set; }
        public SuggestionSource? Source { get; set; }
        public string? Text { get; set; }
    }
}

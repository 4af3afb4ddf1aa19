using HelpDesk.Domain.Cases;

namespace HelpDesk.Web.Pages.Cases;

/// <summary>The search box's target: a well-formed reference goes straight to its case, a mistyped one is explained.</summary>
public sealed class FindModel : PageModel
{
    public string? Reference { get; private set; }
    public string? Problem { get; private set; }

    public IActionResult OnGet(string? reference)
    {
        Reference = reference;
        if (reference is null)
        {
            return Page();
        }

        var reading = ReferenceNumber.Read(reference);
        if (reading.IsValid)
        {
            return RedirectToPage("Details", new { reference = reading.Reference!.Value.ToString() });
        }

        Problem = reading.Explanation;
        return Page();
    }
}

using HelpDesk.Application.Features.Suggestions;
using HelpDesk.Domain.Suggestions;

namespace HelpDesk.Web.Pages.Suggestions;

/// <summary>The suggestions supervisors review, newest first; the status filter is a GET form, so each view is a link.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public SuggestionStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public long? After { get; set; }

    public ListSuggestions.Page? Result { get; private set; }

    [ValidationFailures(Prefix = "Filter")]
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // An unknown status or cursor in a hand-edited link: say so beside the filter rather than guess.
            ModelState.Clear();
            ModelState.AddModelError("Filter.Status", "Choose one of the listed statuses, or start again from the first page.");
            return Page();
        }

        Result = await sender.Send(new ListSuggestions.Query(Status, After), cancellationToken);
        return Page();
    }

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue($"Filter.{field}", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string LinkWith(long? after = null) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/suggestions", new Dictionary<string, string?>
        {
            ["status"] = Status?.ToString(),
            ["after"] = after?.ToString(CultureInfo.InvariantCulture),
        }.Where(v => v.Value is not null));

    public static string Excerpt(string text) => text.Length <= 140 ? text : string.Concat(text.AsSpan(0, 139), "…");
}

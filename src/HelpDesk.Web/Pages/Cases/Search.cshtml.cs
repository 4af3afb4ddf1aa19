using HelpDesk.Application.Features.Workspace;

namespace HelpDesk.Web.Pages.Cases;

/// <summary>The layout's search box lands here; a reference typed in full goes straight on to its case.</summary>
public sealed class SearchModel(ISender sender) : PageModel
{
    private const string Prefix = "Search";

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Text { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public SearchCases.Result? Result { get; private set; }

    [ValidationFailures(Prefix = Prefix)]
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Result = await sender.Send(new SearchCases.Query(Text, PageNumber), cancellationToken);
        return Result.GoTo is { } reference ? RedirectToPage("Details", new { reference }) : Page();
    }

    public IEnumerable<string> Errors => ModelState.Where(e => e.Key.StartsWith(Prefix, StringComparison.Ordinal)).SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage);

    public string LinkTo(int page) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/cases/search", new Dictionary<string, string?> { ["q"] = Text, ["p"] = page.ToString(CultureInfo.InvariantCulture) });
}

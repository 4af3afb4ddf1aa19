using HelpDesk.Application.Features.Responses;

namespace HelpDesk.Web.Pages.Admin.Responses;

public sealed class NewModel(ISender sender) : PageModel
{
    [BindProperty]
    public ResponseForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new WriteCannedResponse.Command(Input.Name, Input.Body), cancellationToken);
        TempData["Confirmation"] = $"Saved “{Input.Name!.Trim()}”. Agents can use it in the composer now.";
        return RedirectToPage("Index");
    }
}

using HelpDesk.Application.Features.Responses;

namespace HelpDesk.Web.Pages.Admin.Responses;

public sealed class EditModel(ISender sender) : PageModel, IReloadsOnFailure
{
    private int _id;

    [BindProperty]
    public ResponseForm Input { get; set; } = new();

    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var response = await sender.Send(new GetCannedResponse.Query(id), cancellationToken);
        if (response is null || response.Retired)
        {
            return NotFound();
        }

        CurrentName = response.Name;
        Input = new ResponseForm { Name = response.Name, Body = response.Body };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        _id = id;
        await sender.Send(new ChangeCannedResponse.Command(id, Input.Name, Input.Body), cancellationToken);
        TempData["Confirmation"] = $"Saved “{Input.Name!.Trim()}”.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var response = await sender.Send(new GetCannedResponse.Query(_id), cancellationToken);
        if (response is null)
        {
            return NotFound();
        }

        CurrentName = response.Name;
        return Page();
    }
}

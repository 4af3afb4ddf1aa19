using FluentValidation;
using HelpDesk.Application.Features.Administration;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin.ComplaintTypes;

public sealed class EditModel(ISender sender) : PageModel
{
    public string CurrentName { get; private set; } = "";

    [BindProperty]
    public IndexModel.NameForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new IndexModel.NameForm { Name = CurrentName };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new RenameComplaintType.Command(id, Input.Name), cancellationToken);
            TempData["Confirmation"] = $"Renamed to {Input.Name!.Trim()}.";
            return RedirectToPage("Index");
        }
        catch (ConfigurationNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationException failures)
        {
            ModelState.AddValidationFailures(failures, nameof(Input));
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var type = (await sender.Send(new ListAllComplaintTypes.Query(), cancellationToken)).FirstOrDefault(t => t.Id == id);
        CurrentName = type?.Name ?? "";
        return type is not null;
    }
}

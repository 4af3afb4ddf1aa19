using FluentValidation;
using HelpDesk.Application.Features.Administration;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin.ComplaintTypes;

public sealed class IndexModel(ISender sender) : PageModel
{
    public IReadOnlyList<ListAllComplaintTypes.Item> Types { get; private set; } = [];

    [BindProperty]
    public NameForm Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Types = await sender.Send(new ListAllComplaintTypes.Query(), cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new AddComplaintType.Command(Input.Name), cancellationToken);
            TempData["Confirmation"] = $"Added {Input.Name!.Trim()}. It is offered on the log form now.";
            return RedirectToPage();
        }
        catch (ValidationException failures)
        {
            ModelState.AddValidationFailures(failures, nameof(Input));
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRetireAsync(int id, CancellationToken cancellationToken) =>
        SetOfferedAsync(id, retire: true, "Retired: no longer offered for new cases. Cases that have it keep it.", cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken cancellationToken) =>
        SetOfferedAsync(id, retire: false, "Reactivated: offered for new cases again.", cancellationToken);

    private async Task<IActionResult> SetOfferedAsync(int id, bool retire, string confirmation, CancellationToken cancellationToken)
    {
        // The Add form's field is not part of these posts.
        ModelState.Clear();
        try
        {
            await sender.Send(new RetireComplaintType.Command(id, retire), cancellationToken);
            TempData["Confirmation"] = confirmation;
            return RedirectToPage();
        }
        catch (ConfigurationNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationException failures)
        {
            ModelState.AddValidationFailures(failures, "");
        }

        await OnGetAsync(cancellationToken);
        return Page();
    }

    public sealed class NameForm
    {
        public string? Name { get; set; }
    }
}

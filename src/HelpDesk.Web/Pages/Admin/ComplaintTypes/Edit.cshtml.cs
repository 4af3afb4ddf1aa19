using FluentValidation;
using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.Staff;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin.ComplaintTypes;

public sealed class EditModel(ISender sender) : PageModel
{
    public string CurrentName { get; private set; } = "";

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    /// <summary>Where complaints of this type made on the public form go; none means the desk's default department.</summary>
    [BindProperty]
    public int? DefaultDepartmentId { get; set; }

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

    public async Task<IActionResult> OnPostDefaultDepartmentAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new ChooseDefaultDepartment.Command(id, DefaultDepartmentId), cancellationToken);
            TempData["Confirmation"] = "Saved the department that complaints made on the public form go to.";
            return RedirectToPage("Index");
        }
        catch (ConfigurationNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationException failures)
        {
            ModelState.AddValidationFailuresTo(failures, nameof(DefaultDepartmentId));
        }

        var chosen = DefaultDepartmentId;
        var found = await LoadAsync(id, cancellationToken);
        Input = new IndexModel.NameForm { Name = CurrentName };
        DefaultDepartmentId = chosen;
        return found ? Page() : NotFound();
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
        DefaultDepartmentId = type?.DefaultDepartmentId;
        Departments = await sender.Send(new ListDepartments.Query(), cancellationToken);
        return type is not null;
    }
}

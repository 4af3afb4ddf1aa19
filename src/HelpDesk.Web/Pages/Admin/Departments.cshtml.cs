using FluentValidation;
using HelpDesk.Application.Features.Staff;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin;

/// <summary>Departments cases are referred to: add, rename, and set the supervisor escalations go to first.</summary>
public sealed class DepartmentsModel(ISender sender) : PageModel
{
    [BindProperty]
    public string? NewName { get; set; }

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    public IReadOnlyList<ListSupervisors.Item> Supervisors { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        try
        {
            await sender.Send(new AddDepartment.Command(NewName), cancellationToken);
            TempData["Confirmation"] = $"Added the department {NewName?.Trim()}.";
            return RedirectToPage();
        }
        catch (ValidationException failures)
        {
            ModelState.AddValidationFailuresTo(failures, nameof(NewName));
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostRenameAsync(int? departmentId, string? name, CancellationToken cancellationToken) =>
        RowActionAsync(new RenameDepartment.Command(departmentId, name), "Renamed the department.", cancellationToken);

    public Task<IActionResult> OnPostSupervisorAsync(int? departmentId, string? supervisorId, CancellationToken cancellationToken) =>
        RowActionAsync(new SetDepartmentSupervisor.Command(departmentId, supervisorId), "Saved the department's supervisor.", cancellationToken);

    private async Task<IActionResult> RowActionAsync(ICommand command, string confirmation, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        try
        {
            await sender.Send(command, cancellationToken);
            TempData["Confirmation"] = confirmation;
            return RedirectToPage();
        }
        catch (ValidationException failures)
        {
            ModelState.AddValidationFailuresTo(failures, "");
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Departments = await sender.Send(new ListDepartments.Query(), cancellationToken);
        Supervisors = await sender.Send(new ListSupervisors.Query(), cancellationToken);
    }
}

using HelpDesk.Application.Features.Staff;

namespace HelpDesk.Web.Pages.Admin;

/// <summary>Departments cases are referred to: add, rename, and set the supervisor escalations go to first.</summary>
public sealed class DepartmentsModel(ISender sender) : PageModel, IReloadsOnFailure
{
    [BindProperty]
    public string? NewName { get; set; }

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    public IReadOnlyList<ListSupervisors.Item> Supervisors { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    [ValidationFailures(Key = nameof(NewName))]
    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        await sender.Send(new AddDepartment.Command(NewName), cancellationToken);
        TempData["Confirmation"] = $"Added the department {NewName?.Trim()}.";
        return RedirectToPage();
    }

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostRenameAsync(int? departmentId, string? name, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new RenameDepartment.Command(departmentId, name), "Renamed the department.", cancellationToken);

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostSupervisorAsync(int? departmentId, string? supervisorId, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new SetDepartmentSupervisor.Command(departmentId, supervisorId), "Saved the department's supervisor.", cancellationToken);

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Departments = await sender.Send(new ListDepartments.Query(), cancellationToken);
        Supervisors = await sender.Send(new ListSupervisors.Query(), cancellationToken);
    }
}

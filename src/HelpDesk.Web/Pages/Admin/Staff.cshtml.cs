using FluentValidation;
using HelpDesk.Application.Features.Staff;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin;

/// <summary>Users and roles: who can sign in, as what, in which department; add, move, deactivate, reactivate.</summary>
public sealed class StaffModel(ISender sender) : PageModel
{
    [BindProperty]
    public NewStaffForm Input { get; set; } = new();

    public IReadOnlyList<ListStaff.Member> Staff { get; private set; } = [];

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await sender.Send(Input.ToCommand(), cancellationToken);
                TempData["Confirmation"] = $"Added {Input.DisplayName?.Trim()}. Pass on the initial password securely.";
                return RedirectToPage();
            }
            catch (ValidationException failures)
            {
                ModelState.AddValidationFailures(failures, nameof(Input));
            }
        }

        Input.InitialPassword = null;
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostChangeAsync(string? userId, string? role, int? departmentId, CancellationToken cancellationToken) =>
        RowActionAsync(new ChangeStaffRoleAndDepartment.Command(userId, role, departmentId), "Saved the role and department.", cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(string? userId, CancellationToken cancellationToken) =>
        RowActionAsync(new DeactivateStaffMember.Command(userId), "Deactivated. They can no longer sign in; their cases stay where they are.", cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(string? userId, CancellationToken cancellationToken) =>
        RowActionAsync(new ReactivateStaffMember.Command(userId), "Reactivated. They can sign in again with their password.", cancellationToken);

    /// <summary>A row's form changes one person; its failure is shown above the list.</summary>
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
        Staff = await sender.Send(new ListStaff.Query(), cancellationToken);
        Departments = await sender.Send(new ListDepartments.Query(), cancellationToken);
    }

    public sealed class NewStaffForm
    {
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public string? Role { get; set; }
        public int? DepartmentId { get; set; }
        public string? InitialPassword { get; set; }

        public CreateStaffMember.Command ToCommand() => new()
        {
            DisplayName = DisplayName,
            Email = Email,
            Role = Role,
            DepartmentId = DepartmentId,
            InitialPassword = InitialPassword,
        };
    }
}

using HelpDesk.Application.Features.Staff;

namespace HelpDesk.Web.Pages.Admin;

/// <summary>Users and roles: who can sign in, as what, in which department; add, move, deactivate, reactivate.</summary>
public sealed class StaffModel(ISender sender) : PageModel, IReloadsOnFailure
{
    [BindProperty]
    public NewStaffForm Input { get; set; } = new();

    public IReadOnlyList<ListStaff.Member> Staff { get; private set; } = [];

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        await sender.Send(Input.ToCommand(), cancellationToken);
        TempData["Confirmation"] = $"Added {Input.DisplayName?.Trim()}. Pass on the initial password securely.";
        return RedirectToPage();
    }

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostChangeAsync(string? userId, string? role, int? departmentId, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new ChangeStaffRoleAndDepartment.Command(userId, role, departmentId), "Saved the role and department.", cancellationToken);

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostDeactivateAsync(string? userId, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new DeactivateStaffMember.Command(userId), "Deactivated. They can no longer sign in; their cases stay where they are.", cancellationToken);

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostReactivateAsync(string? userId, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new ReactivateStaffMember.Command(userId), "Reactivated. They can sign in again with their password.", cancellationToken);

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        // A password typed is never sent back in the page.
        Input.InitialPassword = null;
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

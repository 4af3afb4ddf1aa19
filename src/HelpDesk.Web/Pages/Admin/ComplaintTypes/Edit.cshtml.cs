using HelpDesk.Application.Features.Administration;
using HelpDesk.Application.Features.Staff;

namespace HelpDesk.Web.Pages.Admin.ComplaintTypes;

public sealed class EditModel(ISender sender) : PageModel, IReloadsOnFailure
{
    private int _typeId;
    private int? _chosenDepartment;
    private bool _choosingDepartment;

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

    [ValidationFailures(Key = nameof(DefaultDepartmentId))]
    public async Task<IActionResult> OnPostDefaultDepartmentAsync(int id, CancellationToken cancellationToken)
    {
        (_typeId, _chosenDepartment, _choosingDepartment) = (id, DefaultDepartmentId, true);
        await sender.Send(new ChooseDefaultDepartment.Command(id, DefaultDepartmentId), cancellationToken);
        TempData["Confirmation"] = "Saved the department that complaints made on the public form go to.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        _typeId = id;
        await sender.Send(new RenameComplaintType.Command(id, Input.Name), cancellationToken);
        TempData["Confirmation"] = $"Renamed to {Input.Name!.Trim()}.";
        return RedirectToPage("Index");
    }

    /// <summary>Each form keeps what was typed in it; the other shows the type as it is.</summary>
    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var found = await LoadAsync(_typeId, cancellationToken);
        if (_choosingDepartment)
        {
            Input = new IndexModel.NameForm { Name = CurrentName };
            DefaultDepartmentId = _chosenDepartment;
        }

        return found ? Page() : NotFound();
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

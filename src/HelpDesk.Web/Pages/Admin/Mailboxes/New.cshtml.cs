using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Application.Features.Staff;
using HelpDesk.Domain.Conversations;

namespace HelpDesk.Web.Pages.Admin.Mailboxes;

public sealed class NewModel(ISender sender) : PageModel, IReloadsOnFailure, IMailboxPage
{
    [BindProperty]
    public MailboxForm Input { get; set; } = new();

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    public IReadOnlyList<ListComplaintTypes.Item> ComplaintTypes { get; private set; } = [];

    public bool Editing => false;

    public string? ConnectionResult { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input = new MailboxForm { Port = 993, Security = MailboxSecurity.Tls };
        await ReloadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        await sender.Send(Input.ToConnect(), cancellationToken);
        TempData["Confirmation"] = $"Mailbox {Input.Name!.Trim()} connected. HelpDesk reads it from now on.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostTestConnectionAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            ConnectionResult = (await sender.Send(Input.ToTest(null), cancellationToken)).Problem ?? Input.Connected;
        }

        return await ReloadAsync(cancellationToken);
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        (Departments, ComplaintTypes) = await MailboxChoices.LoadAsync(sender, cancellationToken);
        return Page();
    }
}

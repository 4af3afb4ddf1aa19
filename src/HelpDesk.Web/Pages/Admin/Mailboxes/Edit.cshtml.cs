using HelpDesk.Application.Features.ComplaintTypes;
using HelpDesk.Application.Features.Mailboxes;
using HelpDesk.Application.Features.Staff;

namespace HelpDesk.Web.Pages.Admin.Mailboxes;

public sealed class EditModel(ISender sender) : PageModel, IReloadsOnFailure, IMailboxPage
{
    /// <summary>The mailbox a post is about, for showing the page again after a refusal.</summary>
    private int _id;

    [BindProperty]
    public MailboxForm Input { get; set; } = new();

    public GetMailbox.Details Mailbox { get; private set; } = null!;

    public IReadOnlyList<ListDepartments.Item> Departments { get; private set; } = [];

    public IReadOnlyList<ListComplaintTypes.Item> ComplaintTypes { get; private set; } = [];

    public bool Editing => true;

    public string? ConnectionResult { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        _id = id;
        var shown = await ReloadAsync(cancellationToken);
        Input = new MailboxForm(Mailbox?.Fields ?? new MailboxFields());
        return shown;
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        _id = id;
        if (!ModelState.IsValid)
        {
            return await ReloadAsync(cancellationToken);
        }

        await sender.Send(Input.ToChange(id), cancellationToken);
        TempData["Confirmation"] = $"Mailbox {Input.Name!.Trim()} saved.";
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostTestConnectionAsync(int id, CancellationToken cancellationToken)
    {
        _id = id;
        if (ModelState.IsValid)
        {
            ConnectionResult = (await sender.Send(Input.ToTest(id), cancellationToken)).Problem ?? Input.Connected;
        }

        return await ReloadAsync(cancellationToken);
    }

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        var mailbox = await sender.Send(new GetMailbox.Query(_id), cancellationToken);
        if (mailbox is null)
        {
            return NotFound();
        }

        Mailbox = mailbox;
        (Departments, ComplaintTypes) = await MailboxChoices.LoadAsync(sender, cancellationToken);
        return Page();
    }
}

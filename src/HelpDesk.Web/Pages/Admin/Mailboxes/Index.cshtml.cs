using HelpDesk.Application.Features.Mailboxes;

namespace HelpDesk.Web.Pages.Admin.Mailboxes;

public sealed class IndexModel(ISender sender) : PageModel, IReloadsOnFailure
{
    public IReadOnlyList<ListMailboxes.Item> Mailboxes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Mailboxes = await sender.Send(new ListMailboxes.Query(), cancellationToken);

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostPauseAsync(int id, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new ChooseMailboxReading.Command(id, Read: false), "Paused: HelpDesk stops reading this mailbox; what arrives waits in its folder.", cancellationToken);

    [ValidationFailures(Key = "")]
    public Task<IActionResult> OnPostResumeAsync(int id, CancellationToken cancellationToken) =>
        this.RowActionAsync(sender, new ChooseMailboxReading.Command(id, Read: true), "Resumed: HelpDesk reads this mailbox again, starting with what waited in its folder.", cancellationToken);

    public async Task<IActionResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return Page();
    }
}

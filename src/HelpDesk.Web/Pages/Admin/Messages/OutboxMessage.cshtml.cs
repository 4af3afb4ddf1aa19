using HelpDesk.Application.Features.Messages;

namespace HelpDesk.Web.Pages.Admin.Messages;

public sealed class OutboxMessageModel(ISender sender) : PageModel, IReloadsOnFailure
{
    private Guid _retried;

    public GetOutboxMessage.Details? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Message = await sender.Send(new GetOutboxMessage.Query(id), cancellationToken);
        return Message is null ? NotFound() : Page();
    }

    [ValidationFailures(AsConfirmation = true)]
    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        _retried = id;
        await OutboxModel.RetryAsync(sender, TempData, id, cancellationToken);
        return await ReloadAsync(cancellationToken);
    }

    /// <summary>After a retry, refused or not, the message's page again.</summary>
    public Task<IActionResult> ReloadAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IActionResult>(RedirectToPage("OutboxMessage", new { id = _retried }));
}

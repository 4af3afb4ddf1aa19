using HelpDesk.Application.Features.Messages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Admin.Messages;

public sealed class OutboxMessageModel(ISender sender) : PageModel
{
    public GetOutboxMessage.Details? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Message = await sender.Send(new GetOutboxMessage.Query(id), cancellationToken);
        return Message is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken cancellationToken)
    {
        await OutboxModel.RetryAsync(sender, TempData, id, cancellationToken);
        return RedirectToPage("OutboxMessage", new { id });
    }
}
